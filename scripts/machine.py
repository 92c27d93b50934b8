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


def openblas_own_kernels(env):
    """A copy of `env` without the two variables this environment may set to pin OpenBLAS's kernels
    (OPENBLAS_CORETYPE=Haswell and OPENBLAS_L2_SIZE, for older OpenBLAS builds that fail on some CPUs): OpenBLAS then
    picks its kernels for this CPU itself (AVX-512 where it has them)."""
    return {k: v for k, v in env.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
