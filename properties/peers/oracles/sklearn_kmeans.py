"""scikit-learn's Lloyd from given centers, for the peer cross-check.

stdin:  {"points": [[...]], "init": [[...]], "maxIterations": T}
stdout: {"centers": [[...]], "labels": [...], "iterations": n_iter_}
"""
import json
import sys

import numpy as np
from sklearn.cluster import KMeans

request = json.load(sys.stdin)
X = np.array(request["points"], dtype=np.float64)
init = np.array(request["init"], dtype=np.float64)
model = KMeans(n_clusters=len(init), algorithm="lloyd", n_init=1, init=init, tol=0, max_iter=request["maxIterations"]).fit(X)
json.dump({"centers": model.cluster_centers_.tolist(), "labels": model.labels_.tolist(), "iterations": int(model.n_iter_)}, sys.stdout)
