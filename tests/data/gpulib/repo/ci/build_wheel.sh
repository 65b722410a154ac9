#!/usr/bin/env bash
# Build one manylinux wheel: ci/build_wheel.sh <cuda version> <python version>
set -euo pipefail
cuda="$1"
py="${2:-3.12}"
tag="cu${cuda//./}"
export QUIVER_BUILD_CUDA=1
export TORCH_CUDA_ARCH_LIST="6.0;7.0;7.5;8.0;8.6;8.9;9.0"
python"${py}" -m pip install "torch==2.5.1" --index-url "https://download.pytorch.org/whl/${tag}"
python"${py}" -m pip wheel --no-build-isolation --no-deps -w "dist/${tag}" .
