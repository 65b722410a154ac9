#include "cuda/cuda_utils.cuh"

namespace quiver {
namespace cuda {
namespace {

template <int K>
__global__ void knn_kernel(const float* __restrict__ query, int64_t m, const float* __restrict__ ref,
                           int64_t n, int k, int64_t* __restrict__ idx, float* __restrict__ dist) {
  const int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x;
  if (i >= m) return;
  float best_d[K];
  int64_t best_i[K];
  for (int j = 0; j < k; ++j) {
    best_d[j] = 3.4e38f;
    best_i[j] = -1;
  }
  const float qx = query[3 * i], qy = query[3 * i + 1], qz = query[3 * i + 2];
  for (int64_t j = 0; j < n; ++j) {
    const float dx = ref[3 * j] - qx, dy = ref[3 * j + 1] - qy, dz = ref[3 * j + 2] - qz;
    const float d = dx * dx + dy * dy + dz * dz;
    if (d < best_d[k - 1]) {
      int p = k - 1;
      while (p > 0 && best_d[p - 1] > d) {
        best_d[p] = best_d[p - 1];
        best_i[p] = best_i[p - 1];
        --p;
      }
      best_d[p] = d;
      best_i[p] = j;
    }
  }
  for (int j = 0; j < k; ++j) {
    idx[i * k + j] = best_i[j];
    dist[i * k + j] = best_d[j];
  }
}

}  // namespace

void knn(const float* query, int64_t m, const float* ref, int64_t n, int k, int64_t* idx,
         float* dist, cudaStream_t stream) {
  QUIVER_CHECK(k <= kMaxK, "knn: k=", k, " exceeds the maximum supported by the CUDA kernel (", kMaxK, ")");
  if (k <= 16) {
    knn_kernel<16><<<blocks_for(m), kThreads, 0, stream>>>(query, m, ref, n, k, idx, dist);
  } else if (k <= 64) {
    knn_kernel<64><<<blocks_for(m), kThreads, 0, stream>>>(query, m, ref, n, k, idx, dist);
  } else {
    knn_kernel<kMaxK><<<blocks_for(m), kThreads, 0, stream>>>(query, m, ref, n, k, idx, dist);
  }
  QUIVER_KERNEL_CHECK();
}

}  // namespace cuda
}  // namespace quiver
