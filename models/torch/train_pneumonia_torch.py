#!/usr/bin/python3
"""Trains a small PyTorch CNN on the bundled PneumoniaMNIST and saves it as a user would hand it to
CyberHealth: TorchScript (pneumonia-torch.pt) and ONNX (pneumonia-torch.onnx), plus reference outputs
that the Java tests compare with (pneumonia-torch.expected.json).

Run with Debian's python3-torch (1.13): /usr/bin/python3 models/torch/train_pneumonia_torch.py
The network takes images already normalised by the descriptor's mean and std and returns logits.
"""
import json
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "samples", "ml", "ml", "pneumoniamnist.npz")
MEAN, STD = 0.5638, 0.1740

torch.manual_seed(11)
torch.set_num_threads(1)


def net():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 7 * 7, 32), nn.ReLU(), nn.Linear(32, 2))


def tensors(archive, part):
    x = torch.tensor(archive[part + "_images"], dtype=torch.float32).unsqueeze(1) / 255.0
    y = torch.tensor(archive[part + "_labels"].reshape(-1), dtype=torch.long)
    return (x - MEAN) / STD, y


def main():
    archive = np.load(DATA)
    x, y = tensors(archive, "train")
    model = net()
    optimiser = torch.optim.Adam(model.parameters(), lr=0.002)
    for epoch in range(4):
        order = torch.randperm(len(x))
        for start in range(0, len(x), 32):
            batch = order[start:start + 32]
            optimiser.zero_grad()
            loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimiser.step()
    model.eval()
    tx, ty = tensors(archive, "test")
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    example = torch.zeros(1, 1, 28, 28)
    torch.jit.trace(model, example).save(os.path.join(HERE, "pneumonia-torch.pt"))
    torch.onnx.export(model, example, os.path.join(HERE, "pneumonia-torch.onnx"), input_names=["image"],
                      output_names=["logits"], dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=13)
    # Reference outputs: logits of the first eight test images in the natural [0, 1] range.
    natural = torch.tensor(archive["test_images"][:8], dtype=torch.float32).unsqueeze(1) / 255.0
    with torch.no_grad():
        logits = model((natural - MEAN) / STD)
    with open(os.path.join(HERE, "pneumonia-torch.expected.json"), "w") as out:
        json.dump({"testAccuracy": accuracy, "firstTestImages": 8, "logits": logits.tolist()}, out, indent=1)
    print("test accuracy %.4f" % accuracy)


if __name__ == "__main__":
    main()
