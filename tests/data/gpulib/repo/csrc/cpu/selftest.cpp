// Minimal native self-test run by ctest; the real tests are in tests/ (pytest).
#include <cstdio>

#include "common.h"

int main() {
  using quiver::Point3;
  std::vector<Point3> pts = {{0.f, 0.f, 0.f}, {1.f, 0.f, 0.f}, {0.f, 1.f, 0.f}, {5.f, 5.f, 5.f}};
  auto fps = quiver::cpu::farthest_point_sample(pts, 2, 0);
  if (fps.size() != 2 || fps[1] != 3) {
    std::fprintf(stderr, "fps selftest failed\n");
    return 1;
  }
  auto bq = quiver::cpu::ball_query(pts, pts, 1.0f, 4);
  if (bq[0] != 0 || bq[1] != 0) {  // (1,0,0) is exactly at the radius: excluded
    std::fprintf(stderr, "ball_query selftest failed\n");
    return 1;
  }
  try {
    std::vector<int64_t> idx;
    std::vector<float> d;
    quiver::cpu::knn(pts, pts, 9, idx, d);
    return 1;
  } catch (const std::runtime_error& e) {
    std::printf("expected error: %s\n", e.what());
  }
  std::printf("ok\n");
  return 0;
}
