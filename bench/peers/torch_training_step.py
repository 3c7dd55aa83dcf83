"""Persistent PyTorch side of the `tvem bench` training-step row.

The clustering transformer of model/clustering/transformer.ts ('pre' layer norm), written the way
a PyTorch user would: each layer's heads are the column blocks of one w×w query, key, value and
output matrix (head j owns columns j·w/H..(j+1)·w/H), which is the same function with the same
parameter count as tfjs's per-head matrices. One training step is: draw a batch of token features
shaped like token-features.ts, forward, cross-entropy, backward, clip by global norm, Adam.

Reads one JSON request per line on stdin and answers one JSON line on stdout:
  {"op": "setup", "batch", "n", "m", "featureWidth", "width", "heads", "layers", "hidden",
   "learningRate", "clipNorm", "seed"}  -> {"parameters": count, "torch", "python", "threads"}
  {"op": "steps", "steps": S}          -> {"seconds": median of S steps after one warm-up step}
  {"op": "memory"}                     -> {"maxRssKiB": peak resident set size of this process}
Timing is time.perf_counter() around each step; torch is limited to one thread.
"""
import math
import platform
import resource
import statistics
import time

import torch
from torch import nn
from torch.nn import functional as F
from line_protocol import serve

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def normal(rows, cols, std):
    return nn.Parameter(torch.randn(rows, cols) * std)


class Block(nn.Module):
    """h += Attn(LN1(h)); h += MLP(LN2(h)), the heads fused into w×w matrices."""

    def __init__(self, width, heads, hidden, layers):
        super().__init__()
        head_width = width // heads
        self.heads = heads
        self.query = normal(width, width, 1 / math.sqrt(width * head_width))
        self.key = normal(width, width, 1 / math.sqrt(width))
        self.value = normal(width, width, 1 / math.sqrt(width))
        self.output = normal(width, width, 1 / math.sqrt(width * layers))
        self.mlp_in = normal(width, hidden, math.sqrt(2 / width))
        self.mlp_out = normal(hidden, width, 1 / math.sqrt(hidden * layers))
        self.norm1 = nn.LayerNorm(width, eps=1e-5)
        self.norm2 = nn.LayerNorm(width, eps=1e-5)

    def split(self, x):
        batch, tokens, width = x.shape
        return x.view(batch, tokens, self.heads, width // self.heads).transpose(1, 2)

    def forward(self, h):
        u = self.norm1(h)
        q, k, v = self.split(u @ self.query), self.split(u @ self.key), self.split(u @ self.value)
        attended = torch.softmax(q @ k.transpose(-1, -2), dim=-1) @ v
        h = h + attended.transpose(1, 2).reshape(h.shape) @ self.output
        return h + torch.relu(self.norm2(h) @ self.mlp_in) @ self.mlp_out


class ClusteringTransformer(nn.Module):
    def __init__(self, feature_width, width, heads, layers, hidden):
        super().__init__()
        self.width = width
        self.embed_weight = normal(feature_width, width, 1 / math.sqrt(feature_width))
        self.embed_bias = nn.Parameter(torch.zeros(width))
        self.blocks = nn.ModuleList(Block(width, heads, hidden, layers) for _ in range(layers))
        self.final = nn.LayerNorm(width, eps=1e-5)
        self.read_point = normal(width, width, 1 / math.sqrt(width))
        self.read_centroid = normal(width, width, 1 / math.sqrt(width))

    def forward(self, tokens, n):
        h = tokens @ self.embed_weight + self.embed_bias
        for block in self.blocks:
            h = block(h)
        u = self.final(h)
        points, centroids = u[:, :n] @ self.read_point, u[:, n:] @ self.read_centroid
        return points @ centroids.transpose(-1, -2) / math.sqrt(self.width)


class Trainer:
    def __init__(self, request):
        torch.manual_seed(request["seed"])
        self.shape = {key: request[key] for key in ("batch", "n", "m", "featureWidth")}
        self.model = ClusteringTransformer(request["featureWidth"], request["width"], request["heads"], request["layers"], request["hidden"])
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=request["learningRate"])
        self.clip_norm = request["clipNorm"]

    def batch(self):
        """Token features laid out as in token-features.ts (point, center, isData, isCentroid) and labels."""
        batch, n, m, width = self.shape["batch"], self.shape["n"], self.shape["m"], self.shape["featureWidth"]
        d = (width - 2) // 2
        tokens = torch.zeros(batch, n + m, width)
        tokens[:, :n, :d] = torch.randn(batch, n, d)
        tokens[:, n:, d : 2 * d] = torch.randn(batch, m, d)
        tokens[:, :n, 2 * d] = 1
        tokens[:, n:, 2 * d + 1] = 1
        return tokens, torch.randint(m, (batch, n))

    def step(self):
        tokens, labels = self.batch()
        logits = self.model(tokens, self.shape["n"])
        loss = F.cross_entropy(logits.reshape(-1, self.shape["m"]), labels.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), self.clip_norm)
        self.optimizer.step()
        return loss.item()


trainer = None


def setup(request):
    global trainer
    trainer = Trainer(request)
    return {
        "parameters": sum(p.numel() for p in trainer.model.parameters()),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": {"intraop": torch.get_num_threads(), "interop": torch.get_num_interop_threads()},
    }


def steps(request):
    if trainer is None:
        raise RuntimeError("send setup before steps")
    trainer.step()
    seconds = []
    for _ in range(request["steps"]):
        start = time.perf_counter()
        trainer.step()
        seconds.append(time.perf_counter() - start)
    return {"seconds": statistics.median(seconds)}


def memory(_request):
    return {"maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


serve({"setup": setup, "steps": steps, "memory": memory})
