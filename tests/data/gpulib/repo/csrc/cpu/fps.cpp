#include <limits>

#include "common.h"

namespace quiver {
namespace cpu {

std::vector<int64_t> farthest_point_sample(const std::vector<Point3>& pts, int n_samples,
                                           int start_idx) {
  QUIVER_CHECK(n_samples <= static_cast<int>(pts.size()), "farthest_point_sample: n_samples (",
               n_samples, ") > number of points (", pts.size(), ")");
  QUIVER_CHECK(start_idx >= 0 && start_idx < static_cast<int>(pts.size()),
               "farthest_point_sample: start_idx ", start_idx, " out of range for ", pts.size(),
               " points");
  std::vector<int64_t> out;
  out.reserve(n_samples);
  std::vector<float> mind(pts.size(), std::numeric_limits<float>::infinity());
  int64_t last = start_idx;
  out.push_back(last);
  for (int s = 1; s < n_samples; ++s) {
    int64_t best = -1;
    float best_d = -1.0f;
    for (size_t i = 0; i < pts.size(); ++i) {
      const float d = sqdist(pts[i], pts[last]);
      if (d < mind[i]) mind[i] = d;
      if (mind[i] > best_d) {
        best_d = mind[i];
        best = static_cast<int64_t>(i);
      }
    }
    out.push_back(best);
    last = best;
  }
  return out;
}

}  // namespace cpu
}  // namespace quiver
