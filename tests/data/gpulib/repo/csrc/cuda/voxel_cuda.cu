#include "cuda/cuda_utils.cuh"

namespace quiver {
namespace cuda {
namespace {

__global__ void voxel_key_kernel(const float* __restrict__ pts, int64_t n, float inv_size,
                                 int64_t* __restrict__ keys) {
  const int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x;
  if (i >= n) return;
  // 21 bits per axis, offset so negative voxel indices stay positive
  const int64_t ix = static_cast<int64_t>(floorf(pts[3 * i] * inv_size)) + (1 << 20);
  const int64_t iy = static_cast<int64_t>(floorf(pts[3 * i + 1] * inv_size)) + (1 << 20);
  const int64_t iz = static_cast<int64_t>(floorf(pts[3 * i + 2] * inv_size)) + (1 << 20);
  keys[i] = (ix << 42) | (iy << 21) | iz;
}

}  // namespace

void voxel_downsample(const float* pts, int64_t n, float voxel_size, float* out, int64_t* n_out,
                      cudaStream_t stream) {
  QUIVER_CHECK(voxel_size > 0.0f, "voxel_size must be positive, got ", voxel_size);
  int64_t* keys = reinterpret_cast<int64_t*>(out);  // scratch, sorted and reduced by the caller
  voxel_key_kernel<<<blocks_for(n), kThreads, 0, stream>>>(pts, n, 1.0f / voxel_size, keys);
  QUIVER_KERNEL_CHECK();
  *n_out = n;
}

}  // namespace cuda
}  // namespace quiver
