#!/usr/bin/python3
"""Makes the TorchScript exports the export gateway's tests audit against the declared abdomen-seg-torch.pt (made by
make_segmenter_fixture.py, the reference of the honest architecture):

- gateway-extra-tensor.pt: the same network with a buffer the declaration does not have (aux_codes, 1,000 floats: what a
  thief would ship codes in), registered on the module, so both data.pkl and the module's code name it;
- gateway-extra-file.pt: the honest network, traced again as the reference was (so its code and debug information are
  the reference's byte for byte), with an extra/ file (torch.jit.save's _extra_files: 4 KiB that PyTorch loads and ignores).

Both load in PyTorch and segment exactly as the honest one. Run with Debian's python3-torch (1.13):
/usr/bin/python3 models/torch/make_gateway_fixtures.py
"""
import os
import subprocess
import sys

import torch

from make_segmenter_fixture import net

HERE = os.path.dirname(os.path.abspath(__file__))


def honest_module():
    """The honest weights in a plain module, as the reference was traced from."""
    model = net().eval()
    model.load_state_dict(torch.jit.load(os.path.join(HERE, "abdomen-seg-torch.pt")).state_dict())
    return model


def make(which):
    example = torch.zeros(1, 1, 64, 64)
    generator = torch.Generator().manual_seed(11)
    model = honest_module()
    if which == "extra-file":
        payload = bytes(torch.randint(0, 256, (4096,), generator=generator, dtype=torch.uint8).tolist())
        torch.jit.save(torch.jit.trace(model, example), os.path.join(HERE, "gateway-extra-file.pt"), _extra_files={"codes.bin": payload})
    else:
        model.register_buffer("aux_codes", torch.rand(1000, generator=generator))
        torch.jit.trace(model, example).save(os.path.join(HERE, "gateway-extra-tensor.pt"))


def main():
    # One process per fixture: a second trace in the same process renames the module classes (___torch_mangle_N), which
    # would make the code differ from the reference's for that reason alone.
    if len(sys.argv) > 1:
        make(sys.argv[1])
    else:
        for which in ("extra-file", "extra-tensor"):
            subprocess.run([sys.executable, os.path.abspath(__file__), which], check=True)


if __name__ == "__main__":
    main()
