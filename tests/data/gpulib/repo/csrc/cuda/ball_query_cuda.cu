#include "cuda/cuda_utils.cuh"

namespace quiver {
namespace cuda {
namespace {

__global__ void ball_query_kernel(const float* __restrict__ query, int64_t m, const float* __restrict__ ref,
                                  int64_t n, float r2, int max_samples, int64_t* __restrict__ out) {
  const int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x;
  if (i >= m) return;
  const float qx = query[3 * i], qy = query[3 * i + 1], qz = query[3 * i + 2];
  int cnt = 0;
  for (int64_t j = 0; j < n && cnt < max_samples; ++j) {
    const float dx = ref[3 * j] - qx, dy = ref[3 * j + 1] - qy, dz = ref[3 * j + 2] - qz;
    if (dx * dx + dy * dy + dz * dz < r2) {
      out[i * max_samples + cnt++] = j;
    }
  }
  const int64_t pad = cnt > 0 ? out[i * max_samples] : -1;
  for (int c = cnt; c < max_samples; ++c) out[i * max_samples + c] = pad;
}

}  // namespace

void ball_query(const float* query, int64_t m, const float* ref, int64_t n, float radius,
                int max_samples, int64_t* out, cudaStream_t stream) {
  QUIVER_CHECK(max_samples >= 1 && max_samples <= 1024,
               "ball_query: max_samples must be in [1, 1024], got ", max_samples);
  ball_query_kernel<<<blocks_for(m), kThreads, 0, stream>>>(query, m, ref, n, radius * radius,
                                                            max_samples, out);
  QUIVER_KERNEL_CHECK();
}

}  // namespace cuda
}  // namespace quiver
