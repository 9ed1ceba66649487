#!/usr/bin/python3
"""Makes a small TorchScript segmentation network, as a hospital might bring one from PyTorch, for the
tests that load users' segmenters: abdomen-seg-torch.pt (5 classes on 1 x 64 x 64 CT slices, the classes of
samples/segmentation) and PyTorch's logits on a fixed input (abdomen-seg-torch.expected.json).

The weights are a seeded random initialisation, not a trained model: the fixture checks loading, outputs
and gradients, not accuracy. Run with Debian's python3-torch (1.13):
/usr/bin/python3 models/torch/make_segmenter_fixture.py
"""
import json
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(3)


def net():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),
        nn.Conv2d(8, 8, 3, padding=1), nn.Tanh(),
        nn.Conv2d(8, 5, 1))


def fixed_input():
    """A ramp with a bright disc: deterministic, and varied enough that every class wins somewhere."""
    y, x = torch.meshgrid(torch.arange(64.0), torch.arange(64.0), indexing="ij")
    image = (x + y) / 126.0
    image = torch.where((x - 40) ** 2 + (y - 24) ** 2 < 100, torch.ones_like(image), image)
    return image.reshape(1, 1, 64, 64)


def main():
    model = net().eval()
    example = torch.zeros(1, 1, 64, 64)
    torch.jit.trace(model, example).save(os.path.join(HERE, "abdomen-seg-torch.pt"))
    natural = fixed_input()
    mean, std = 0.1768, 0.2150
    with torch.no_grad():
        logits = model((natural - mean) / std)
    # Logits at a few pixels (class-major) are enough to check the Java side reads the same network.
    pixels = [(0, 0), (10, 50), (24, 40), (63, 63), (32, 5)]
    json.dump({"pixels": pixels, "logits": [[logits[0, c, y, x].item() for c in range(5)] for (y, x) in pixels]},
              open(os.path.join(HERE, "abdomen-seg-torch.expected.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
