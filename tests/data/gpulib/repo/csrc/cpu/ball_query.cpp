#include "common.h"

namespace quiver {
namespace cpu {

// Same contract as the CUDA kernel: hits strictly inside the radius, in index
// order, padded with the first hit (or -1).
std::vector<int64_t> ball_query(const std::vector<Point3>& query, const std::vector<Point3>& ref,
                                float radius, int max_samples) {
  QUIVER_CHECK(max_samples >= 1 && max_samples <= 1024,
               "ball_query: max_samples must be in [1, 1024], got ", max_samples);
  const float r2 = radius * radius;
  std::vector<int64_t> out(query.size() * max_samples, -1);
  for (size_t i = 0; i < query.size(); ++i) {
    int cnt = 0;
    for (size_t j = 0; j < ref.size() && cnt < max_samples; ++j) {
      if (sqdist(query[i], ref[j]) < r2) {
        out[i * max_samples + cnt++] = static_cast<int64_t>(j);
      }
    }
    for (int c = cnt; c < max_samples && cnt > 0; ++c) {
      out[i * max_samples + c] = out[i * max_samples];
    }
  }
  return out;
}

}  // namespace cpu
}  // namespace quiver
