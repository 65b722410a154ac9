// Experimental ROCm/HIP build: map the CUDA runtime names used by quiver.
#pragma once
#include <hip/hip_runtime.h>

#define cudaError_t hipError_t
#define cudaSuccess hipSuccess
#define cudaGetErrorString hipGetErrorString
#define cudaGetLastError hipGetLastError
#define cudaStream_t hipStream_t
#define cudaMemsetAsync hipMemsetAsync
#define cudaMemcpyAsync hipMemcpyAsync
#define cudaMemcpyDeviceToHost hipMemcpyDeviceToHost
#define cudaStreamSynchronize hipStreamSynchronize
// warp size is 64 on CDNA (gfx90a, gfx942) and 32 on RDNA (gfx1100)
#define QUIVER_WARP_SIZE warpSize
