#include "cuda/cuda_utils.cuh"

namespace quiver {
namespace cuda {
namespace {

__device__ void smallest_eigvec(const float c[6], float n[3]) {
  // c = xx, xy, xz, yy, yz, zz ; power iteration on (tr*I - C)
  const float t = c[0] + c[3] + c[5];
  float v0 = 1.f, v1 = 1.f, v2 = 1.f;
  for (int it = 0; it < 32; ++it) {
    const float w0 = (t - c[0]) * v0 - c[1] * v1 - c[2] * v2;
    const float w1 = -c[1] * v0 + (t - c[3]) * v1 - c[4] * v2;
    const float w2 = -c[2] * v0 - c[4] * v1 + (t - c[5]) * v2;
    const float inv = rsqrtf(w0 * w0 + w1 * w1 + w2 * w2 + 1e-30f);
    v0 = w0 * inv;
    v1 = w1 * inv;
    v2 = w2 * inv;
  }
  n[0] = v0;
  n[1] = v1;
  n[2] = v2;
}

__global__ void normals_kernel(const float* __restrict__ pts, int64_t n, const int64_t* __restrict__ nbr,
                               int k, float vx, float vy, float vz, float* __restrict__ normals) {
  const int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x;
  if (i >= n) return;
  float mx = 0.f, my = 0.f, mz = 0.f;
  for (int j = 0; j < k; ++j) {
    const int64_t q = nbr[i * k + j];
    mx += pts[3 * q];
    my += pts[3 * q + 1];
    mz += pts[3 * q + 2];
  }
  mx /= k;
  my /= k;
  mz /= k;
  float c[6] = {0.f, 0.f, 0.f, 0.f, 0.f, 0.f};
  for (int j = 0; j < k; ++j) {
    const int64_t q = nbr[i * k + j];
    const float dx = pts[3 * q] - mx, dy = pts[3 * q + 1] - my, dz = pts[3 * q + 2] - mz;
    c[0] += dx * dx; c[1] += dx * dy; c[2] += dx * dz;
    c[3] += dy * dy; c[4] += dy * dz; c[5] += dz * dz;
  }
  float nv[3];
  smallest_eigvec(c, nv);
  const float s = (vx - pts[3 * i]) * nv[0] + (vy - pts[3 * i + 1]) * nv[1] + (vz - pts[3 * i + 2]) * nv[2];
  const float sign = s < 0.f ? -1.f : 1.f;
  normals[3 * i] = sign * nv[0];
  normals[3 * i + 1] = sign * nv[1];
  normals[3 * i + 2] = sign * nv[2];
}

}  // namespace

void estimate_normals(const float* pts, int64_t n, const int64_t* nbr, int k, float vx, float vy,
                      float vz, float* normals, cudaStream_t stream) {
  normals_kernel<<<blocks_for(n), kThreads, 0, stream>>>(pts, n, nbr, k, vx, vy, vz, normals);
  QUIVER_KERNEL_CHECK();
}

}  // namespace cuda
}  // namespace quiver
