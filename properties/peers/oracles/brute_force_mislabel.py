"""The mislabel rate by brute force over all relabellings, for the peer cross-check of theory/mislabel.ts.

stdin:  {"cases": [{"predicted": [...], "truth": [...], "k": k}, ...]}
stdout: {"rates": [h_1, ...]}, h = min over permutations p of [k] of mean(p[predicted] != truth)
"""
import itertools
import json
import sys

import numpy as np


def mislabel_rate(predicted, truth, k):
    predicted = np.asarray(predicted)
    truth = np.asarray(truth)
    wrong = min(int(np.count_nonzero(np.asarray(p)[predicted] != truth)) for p in itertools.permutations(range(k)))
    return wrong / len(truth)


request = json.load(sys.stdin)
json.dump({"rates": [mislabel_rate(c["predicted"], c["truth"], c["k"]) for c in request["cases"]]}, sys.stdout)
