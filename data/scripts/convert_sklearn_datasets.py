#!/usr/bin/env python3
"""Convert the small real datasets shipped with scikit-learn into readable CSVs.

Reads the raw files that Debian's ``python3-sklearn`` package installs under
``sklearn/datasets/data/`` (and the feature descriptions under
``sklearn/datasets/descr/``) directly, without importing scikit-learn, and
writes into the repository's ``data/`` folder:

    iris.csv, wine.csv, breast_cancer.csv, digits.csv, diabetes.csv

Every output has a header row with readable column names, the target as the
last column, and text class labels for the classification sets. Feature values
are copied verbatim from the source text (no float re-formatting); the only
value that is rewritten is the diabetes target, which sklearn stores as
``1.510000000000000000e+02`` and which is written exactly as the integer it is
(``151``).

Usage:
    /usr/bin/python3 data/scripts/convert_sklearn_datasets.py [SKLEARN_DATA_DIR] [--out DIR]

Standard library only (csv, gzip, decimal, argparse).
"""

import argparse
import csv
import gzip
import os
import re
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

DEFAULT_SKLEARN_DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
DEFAULT_OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# Column names. They follow the attribute lists in sklearn/datasets/descr/*.rst;
# check_descr() verifies the ones that can be read back from those files.
IRIS_FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

WINE_FEATURES = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
    "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
    "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline",
]

# The 10 nucleus measurements; each appears as mean, standard error and worst
# (fields 0-9, 10-19, 20-29), named as scikit-learn's feature_names do
# ("mean radius", "radius error", "worst radius").
WDBC_BASE = [
    "radius", "texture", "perimeter", "area", "smoothness", "compactness",
    "concavity", "concave_points", "symmetry", "fractal_dimension",
]
WDBC_FEATURES = (["mean_" + b for b in WDBC_BASE]
                 + [b + "_error" for b in WDBC_BASE]
                 + ["worst_" + b for b in WDBC_BASE])

# Row-major 8x8 image: pixel_<row>_<col>.
DIGITS_FEATURES = ["pixel_%d_%d" % (r, c) for r in range(8) for c in range(8)]
DIGIT_WORDS = ["zero", "one", "two", "three", "four",
               "five", "six", "seven", "eight", "nine"]

# descr: s1 tc, s2 ldl, s3 hdl, s4 tch, s5 ltg, s6 glu.
DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "tc", "ldl", "hdl", "tch", "ltg", "glu"]

# Documented sizes (descr files; digits per UCI optdigits.names, testing set).
EXPECTED = {
    "iris": (150, {"setosa": 50, "versicolor": 50, "virginica": 50}),
    "wine": (178, {"class_0": 59, "class_1": 71, "class_2": 48}),
    "breast_cancer": (569, {"malignant": 212, "benign": 357}),
    "digits": (1797, dict(zip(DIGIT_WORDS, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]))),
    "diabetes": (442, None),
}

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class ConversionError(Exception):
    pass


def snake(text):
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def check_number(value, where):
    if not NUMBER.match(value):
        raise ConversionError("%s: %r is not a plain number" % (where, value))
    return value


def read_lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="ascii", newline="") as f:
        return [line.rstrip("\r\n") for line in f if line.strip()]


def read_sklearn_csv(path, n_features):
    """sklearn's own CSV layout: first row 'n_samples,n_features,class names...',
    then rows of features followed by an integer class index."""
    lines = read_lines(path)
    head = lines[0].split(",")
    n_samples, n_feat = int(head[0]), int(head[1])
    if n_feat != n_features:
        raise ConversionError("%s: header says %d features, expected %d" % (path, n_feat, n_features))
    class_names = [c.strip() for c in head[2:]]
    rows = []
    for i, line in enumerate(lines[1:], start=2):
        cells = [c.strip() for c in line.split(",")]
        if len(cells) != n_features + 1:
            raise ConversionError("%s line %d: %d fields, expected %d" % (path, i, len(cells), n_features + 1))
        feats = [check_number(c, "%s line %d" % (path, i)) for c in cells[:-1]]
        rows.append(feats + [class_names[int(cells[-1])]])
    if len(rows) != n_samples:
        raise ConversionError("%s: %d rows, header says %d" % (path, len(rows), n_samples))
    return rows


def convert_digits(data_dir):
    path = os.path.join(data_dir, "digits.csv.gz")
    rows = []
    for i, line in enumerate(read_lines(path), start=1):
        cells = [c.strip() for c in line.split(",")]
        if len(cells) != 65:
            raise ConversionError("%s line %d: %d fields, expected 65" % (path, i, len(cells)))
        feats = [check_number(c, "%s line %d" % (path, i)) for c in cells[:64]]
        rows.append(feats + [DIGIT_WORDS[int(cells[64])]])
    return rows


def convert_diabetes(data_dir):
    x_path = os.path.join(data_dir, "diabetes_data_raw.csv.gz")
    y_path = os.path.join(data_dir, "diabetes_target.csv.gz")
    xs = [line.split() for line in read_lines(x_path)]
    ys = [line.strip() for line in read_lines(y_path)]
    if len(xs) != len(ys):
        raise ConversionError("diabetes: %d feature rows but %d targets" % (len(xs), len(ys)))
    rows = []
    for i, (x, y) in enumerate(zip(xs, ys), start=1):
        if len(x) != 10:
            raise ConversionError("%s line %d: %d fields, expected 10" % (x_path, i, len(x)))
        try:
            target = Decimal(check_number(y, "%s line %d" % (y_path, i)))
        except InvalidOperation:
            raise ConversionError("%s line %d: bad number %r" % (y_path, i, y))
        # Written exactly: integral values as integers, others in plain notation.
        text = str(int(target)) if target == target.to_integral_value() else format(target.normalize(), "f")
        rows.append([check_number(v, "%s line %d" % (x_path, i)) for v in x] + [text])
    return rows


def check_descr(descr_dir):
    """Cross-check the hard-coded names against the descr attribute lists."""
    def attribute_bullets(name, stop):
        with open(os.path.join(descr_dir, name), encoding="utf-8") as f:
            text = f.read()
        block = text.split(":Attribute Information:", 1)[1].split(stop, 1)[0]
        return [b.strip() for b in re.findall(r"^\s*-\s+(.+)$", block, re.M)]

    wine = [snake(b) for b in attribute_bullets("wine_data.rst", "- class:")]
    if wine != WINE_FEATURES:
        raise ConversionError("wine descr attributes %s differ from %s" % (wine, WINE_FEATURES))
    iris = [snake(b.replace(" in cm", "")) for b in attribute_bullets("iris.rst", "- class:")]
    if iris != IRIS_FEATURES:
        raise ConversionError("iris descr attributes %s differ from %s" % (iris, IRIS_FEATURES))
    wdbc = [snake(b.split("(")[0]) for b in attribute_bullets("breast_cancer.rst", "The mean")]
    if wdbc != WDBC_BASE:
        raise ConversionError("breast cancer descr attributes %s differ from %s" % (wdbc, WDBC_BASE))
    diab = attribute_bullets("diabetes.rst", "Note:")
    names = [b.split()[0] for b in diab[:4]] + [b.split()[1].rstrip(",") for b in diab[4:]]
    if names != DIABETES_FEATURES:
        raise ConversionError("diabetes descr attributes %s differ from %s" % (names, DIABETES_FEATURES))


def verify(name, rows):
    n_rows, classes = EXPECTED[name]
    if len(rows) != n_rows:
        raise ConversionError("%s: %d rows, documented %d" % (name, len(rows), n_rows))
    if classes is not None:
        counts = dict(Counter(r[-1] for r in rows))
        if counts != classes:
            raise ConversionError("%s: class counts %s, documented %s" % (name, counts, classes))


def write_csv(path, header, rows):
    with open(path, "w", encoding="ascii", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sklearn_data", nargs="?", default=DEFAULT_SKLEARN_DATA,
                   help="scikit-learn's datasets/data folder (default: %(default)s)")
    p.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: the repository's data/)")
    args = p.parse_args(argv)

    data_dir = args.sklearn_data
    if not os.path.isdir(data_dir) or not os.path.isfile(os.path.join(data_dir, "iris.csv")):
        sys.stderr.write(
            "error: scikit-learn dataset folder not found: %s\n"
            "Install it with `apt-get install python3-sklearn`, or pass the folder that holds\n"
            "iris.csv, wine_data.csv, breast_cancer.csv, digits.csv.gz and diabetes_*.csv.gz.\n" % data_dir)
        return 2
    descr_dir = os.path.join(os.path.dirname(os.path.normpath(data_dir)), "descr")

    try:
        if os.path.isdir(descr_dir):
            check_descr(descr_dir)
        else:
            sys.stderr.write("warning: %s not found; column names not cross-checked\n" % descr_dir)
        outputs = [
            ("iris", IRIS_FEATURES + ["species"],
             read_sklearn_csv(os.path.join(data_dir, "iris.csv"), 4)),
            ("wine", WINE_FEATURES + ["cultivar"],
             read_sklearn_csv(os.path.join(data_dir, "wine_data.csv"), 13)),
            ("breast_cancer", WDBC_FEATURES + ["diagnosis"],
             read_sklearn_csv(os.path.join(data_dir, "breast_cancer.csv"), 30)),
            ("digits", DIGITS_FEATURES + ["digit"], convert_digits(data_dir)),
            ("diabetes", DIABETES_FEATURES + ["progression"], convert_diabetes(data_dir)),
        ]
        for name, _, rows in outputs:
            verify(name, rows)
    except (ConversionError, OSError, ValueError, IndexError) as e:
        sys.stderr.write("error: %s\n" % e)
        return 1

    os.makedirs(args.out, exist_ok=True)
    for name, header, rows in outputs:
        path = os.path.join(args.out, name + ".csv")
        write_csv(path, header, rows)
        counts = Counter(r[-1] for r in rows) if EXPECTED[name][1] else None
        detail = ", ".join("%s %d" % kv for kv in sorted(counts.items())) if counts else "regression"
        print("%-18s %5d rows x %2d columns  (%s)" % (name + ".csv", len(rows), len(header), detail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
