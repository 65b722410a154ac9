#pragma once

#ifdef QUIVER_WITH_HIP
#include "hip/hip_compat.h"
#else
#include <cuda_runtime.h>
#endif

#include "common.h"

#define QUIVER_CUDA_CHECK(expr)                                                        \
  do {                                                                                 \
    cudaError_t err__ = (expr);                                                        \
    if (err__ != cudaSuccess) {                                                        \
      ::quiver::fail(__FILE__, __LINE__, "quiver CUDA error: ", cudaGetErrorString(err__), \
                     " in ", #expr);                                                   \
    }                                                                                  \
  } while (0)

#define QUIVER_KERNEL_CHECK() QUIVER_CUDA_CHECK(cudaGetLastError())

namespace quiver {
namespace cuda {

constexpr int kThreads = 256;
constexpr int kMaxK = 128;  // knn_cuda keeps the k best in registers

inline int blocks_for(int64_t n) { return static_cast<int>((n + kThreads - 1) / kThreads); }

void voxel_downsample(const float* pts, int64_t n, float voxel_size, float* out, int64_t* n_out,
                      cudaStream_t stream);
void knn(const float* query, int64_t m, const float* ref, int64_t n, int k, int64_t* idx,
         float* dist, cudaStream_t stream);
void ball_query(const float* query, int64_t m, const float* ref, int64_t n, float radius,
                int max_samples, int64_t* out, cudaStream_t stream);
void farthest_point_sample(const float* pts, int64_t n, int n_samples, int start_idx, float* tmp,
                           int64_t* out, cudaStream_t stream);
void estimate_normals(const float* pts, int64_t n, const int64_t* nbr, int k, float vx, float vy,
                      float vz, float* normals, cudaStream_t stream);

}  // namespace cuda
}  // namespace quiver
