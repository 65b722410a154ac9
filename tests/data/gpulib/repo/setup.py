"""Build script for the optional native extension ``quiver._ext``.

The pure-Python CPU fallback works without it. Set ``QUIVER_BUILD_CUDA=0`` to
build the C++ CPU kernels only, ``QUIVER_BUILD_HIP=1`` for the experimental
ROCm/HIP build.
"""
import os
import sys

from setuptools import setup

ext_modules = []
cmdclass = {}

build_native = os.environ.get("QUIVER_SKIP_NATIVE", "0") != "1"

if build_native:
    try:
        from torch.utils.cpp_extension import BuildExtension, CppExtension, CUDAExtension, CUDA_HOME
    except ImportError:  # pragma: no cover - torch is optional at build time
        print("quiver: torch not found, building without the native extension", file=sys.stderr)
        build_native = False

if build_native:
    cpu_sources = [
        "csrc/bindings.cpp",
        "csrc/cpu/voxel.cpp",
        "csrc/cpu/knn.cpp",
        "csrc/cpu/ball_query.cpp",
        "csrc/cpu/fps.cpp",
    ]
    cuda_sources = [
        "csrc/cuda/voxel_cuda.cu",
        "csrc/cuda/knn_cuda.cu",
        "csrc/cuda/ball_query_cuda.cu",
        "csrc/cuda/fps_cuda.cu",
        "csrc/cuda/normals_cuda.cu",
    ]
    want_cuda = os.environ.get("QUIVER_BUILD_CUDA", "1") == "1" and CUDA_HOME is not None
    want_hip = os.environ.get("QUIVER_BUILD_HIP", "0") == "1"
    define_macros = []
    extra = {"cxx": ["-O3", "-std=c++17"]}
    if want_cuda or want_hip:
        define_macros.append(("QUIVER_WITH_CUDA", None))
        if want_hip:
            define_macros.append(("QUIVER_WITH_HIP", None))
        extra["nvcc"] = ["-O3", "--use_fast_math", "-std=c++17"]
        if want_hip:
            # CDNA only for now; RDNA (gfx11xx) is untested
            extra["nvcc"] += ["--offload-arch=gfx90a", "--offload-arch=gfx942"]
        ext = CUDAExtension(
            "quiver._ext",
            cpu_sources + cuda_sources,
            include_dirs=[os.path.abspath("csrc")],
            define_macros=define_macros,
            extra_compile_args=extra,
        )
    else:
        ext = CppExtension(
            "quiver._ext",
            cpu_sources,
            include_dirs=[os.path.abspath("csrc")],
            define_macros=define_macros,
            extra_compile_args=extra,
        )
    ext_modules.append(ext)
    cmdclass["build_ext"] = BuildExtension

setup(ext_modules=ext_modules, cmdclass=cmdclass)
