#include "cuda/cuda_utils.cuh"

namespace quiver {
namespace cuda {
namespace {

// One block per cloud; shared-memory argmax reduction.
__global__ void fps_kernel(const float* __restrict__ pts, int64_t n, int n_samples, int start_idx,
                           float* __restrict__ mind, int64_t* __restrict__ out) {
  __shared__ float s_d[kThreads];
  __shared__ int64_t s_i[kThreads];
  int64_t last = start_idx;
  if (threadIdx.x == 0) out[0] = last;
  for (int64_t j = threadIdx.x; j < n; j += blockDim.x) mind[j] = 3.4e38f;
  __syncthreads();
  for (int s = 1; s < n_samples; ++s) {
    const float lx = pts[3 * last], ly = pts[3 * last + 1], lz = pts[3 * last + 2];
    float best_d = -1.0f;
    int64_t best_i = 0;
    for (int64_t j = threadIdx.x; j < n; j += blockDim.x) {
      const float dx = pts[3 * j] - lx, dy = pts[3 * j + 1] - ly, dz = pts[3 * j + 2] - lz;
      const float d = fminf(mind[j], dx * dx + dy * dy + dz * dz);
      mind[j] = d;
      if (d > best_d) {
        best_d = d;
        best_i = j;
      }
    }
    s_d[threadIdx.x] = best_d;
    s_i[threadIdx.x] = best_i;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
      if (threadIdx.x < stride && s_d[threadIdx.x + stride] > s_d[threadIdx.x]) {
        s_d[threadIdx.x] = s_d[threadIdx.x + stride];
        s_i[threadIdx.x] = s_i[threadIdx.x + stride];
      }
      __syncthreads();
    }
    last = s_i[0];
    if (threadIdx.x == 0) out[s] = last;
    __syncthreads();
  }
}

}  // namespace

void farthest_point_sample(const float* pts, int64_t n, int n_samples, int start_idx, float* tmp,
                           int64_t* out, cudaStream_t stream) {
  fps_kernel<<<1, kThreads, 0, stream>>>(pts, n, n_samples, start_idx, tmp, out);
  QUIVER_KERNEL_CHECK();
}

}  // namespace cuda
}  // namespace quiver
