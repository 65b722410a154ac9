// pybind11/torch bindings for quiver._ext. Needs torch headers to build.
#include <torch/extension.h>

#include "common.h"
#ifdef QUIVER_WITH_CUDA
#include "cuda/cuda_utils.cuh"
#include <c10/cuda/CUDAStream.h>
#endif

namespace {

std::vector<quiver::Point3> to_points(const torch::Tensor& t) {
  TORCH_CHECK(t.dim() == 2 && t.size(1) == 3, "quiver: expected an (N, 3) tensor, got shape ", t.sizes());
  auto c = t.to(torch::kFloat32).contiguous().cpu();
  const float* p = c.data_ptr<float>();
  std::vector<quiver::Point3> out(c.size(0));
  for (int64_t i = 0; i < c.size(0); ++i) out[i] = {p[3 * i], p[3 * i + 1], p[3 * i + 2]};
  return out;
}

std::vector<torch::Tensor> knn(torch::Tensor query, torch::Tensor ref, int64_t k) {
  TORCH_CHECK(query.device() == ref.device(), "knn: query and ref must be on the same device");
#ifdef QUIVER_WITH_CUDA
  if (query.is_cuda()) {
    auto q = query.to(torch::kFloat32).contiguous();
    auto r = ref.to(torch::kFloat32).contiguous();
    auto idx = torch::empty({q.size(0), k}, q.options().dtype(torch::kInt64));
    auto dist = torch::empty({q.size(0), k}, q.options());
    quiver::cuda::knn(q.data_ptr<float>(), q.size(0), r.data_ptr<float>(), r.size(0), static_cast<int>(k),
                      idx.data_ptr<int64_t>(), dist.data_ptr<float>(),
                      c10::cuda::getCurrentCUDAStream());
    return {idx, dist};
  }
#endif
  std::vector<int64_t> idx;
  std::vector<float> dist;
  quiver::cpu::knn(to_points(query), to_points(ref), static_cast<int>(k), idx, dist);
  const int64_t m = query.size(0);
  return {torch::tensor(idx).view({m, k}), torch::tensor(dist).view({m, k})};
}

bool with_cuda() {
#ifdef QUIVER_WITH_CUDA
  return true;
#else
  return false;
#endif
}

std::string cuda_version() {
#ifdef QUIVER_WITH_CUDA
  return std::to_string(CUDART_VERSION / 1000) + "." + std::to_string((CUDART_VERSION % 1000) / 10);
#else
  return "none";
#endif
}

std::string cuda_archs() {
#ifdef QUIVER_CUDA_ARCHS
  return QUIVER_CUDA_ARCHS;
#else
  return "none";
#endif
}

}  // namespace

PYBIND11_MODULE(TORCH_EXTENSION_NAME, m) {
  m.def("knn", &knn, "k nearest neighbours");
  m.def("with_cuda", &with_cuda);
  m.def("cuda_version", &cuda_version);
  m.def("cuda_archs", &cuda_archs);
}
