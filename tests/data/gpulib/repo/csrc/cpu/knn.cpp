#include <algorithm>
#include <utility>

#include "common.h"

namespace quiver {
namespace cpu {

void knn(const std::vector<Point3>& query, const std::vector<Point3>& ref, int k,
         std::vector<int64_t>& idx, std::vector<float>& dist) {
  QUIVER_CHECK(k >= 1, "knn: k must be >= 1, got ", k);
  QUIVER_CHECK(static_cast<size_t>(k) <= ref.size(), "knn: k (", k,
               ") must be <= number of reference points (", ref.size(), ")");
  idx.assign(query.size() * k, -1);
  dist.assign(query.size() * k, 0.0f);
  std::vector<std::pair<float, int64_t>> cand(ref.size());
  for (size_t i = 0; i < query.size(); ++i) {
    for (size_t j = 0; j < ref.size(); ++j) {
      cand[j] = {sqdist(query[i], ref[j]), static_cast<int64_t>(j)};
    }
    std::partial_sort(cand.begin(), cand.begin() + k, cand.end());
    for (int j = 0; j < k; ++j) {
      dist[i * k + j] = cand[j].first;
      idx[i * k + j] = cand[j].second;
    }
  }
}

}  // namespace cpu
}  // namespace quiver
