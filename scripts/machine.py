"""What the benchmark scripts say about the machine they ran on. Standard library only."""


def cpu_model():
    """The CPU's model name, from /proc/cpuinfo ("unknown CPU" where there is none)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"
