#include "meshkit/bvh.hpp"

#include <algorithm>
#include <numeric>

namespace meshkit {
inline namespace v1 {
namespace {

Vec3d centroid(const Mesh& m, uint32_t f) {
    const auto& V = m.vertices();
    const Face& t = m.faces()[f];
    return (V[t[0]] + V[t[1]] + V[t[2]]) / 3.0;
}

Vec3d closest_point_triangle(const Vec3d& p, const Vec3d& a, const Vec3d& b, const Vec3d& c) {
    // Voronoi region classification (Ericson, RTCD 5.1.5)
    Vec3d ab = b - a, ac = c - a, ap = p - a;
    double d1 = dot(ab, ap), d2 = dot(ac, ap);
    if (d1 <= 0 && d2 <= 0) return a;
    Vec3d bp = p - b;
    double d3 = dot(ab, bp), d4 = dot(ac, bp);
    if (d3 >= 0 && d4 <= d3) return b;
    double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));
    Vec3d cp = p - c;
    double d5 = dot(ab, cp), d6 = dot(ac, cp);
    if (d6 >= 0 && d5 <= d6) return c;
    double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));
    double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0)
        return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    double denom = 1.0 / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

} // namespace

BVH::BVH(const Mesh& mesh, const BuildOptions& opts) : mesh_(mesh) {
    if (mesh.num_faces() == 0) return;  // empty tree, queries return no hit
    prims_.resize(mesh.num_faces());
    std::iota(prims_.begin(), prims_.end(), 0u);
    // Median split on the longest axis; the binned SAH builder is in bvh_sah.cpp (not in this snapshot).
    (void)opts;
    std::sort(prims_.begin(), prims_.end(),
              [&](uint32_t a, uint32_t b) { return centroid(mesh, a).x < centroid(mesh, b).x; });
    Node root{};
    BoundingBox box = mesh.bounding_box();
    for (int k = 0; k < 3; ++k) {
        root.bmin[k] = float(box.min[k]);
        root.bmax[k] = float(box.max[k]);
    }
    root.first = 0;
    root.count = uint32_t(prims_.size());
    nodes_.push_back(root);
}

Hit BVH::intersect(const Ray& ray) const {
    Hit best;
    if (nodes_.empty()) return best;
    const auto& V = mesh_.vertices();
    for (uint32_t f : prims_) {
        const Face& t = mesh_.faces()[f];
        double tt, u, v;
        Ray r = ray;
        r.tmax = best.t;
        if (intersect_ray_triangle(r, V[t[0]], V[t[1]], V[t[2]], tt, u, v) && tt < best.t)
            best = Hit{int64_t(f), tt, u, v};
    }
    return best;
}

Vec3d BVH::closest_point(const Vec3d& p, int64_t* face) const {
    const auto& V = mesh_.vertices();
    double best_d2 = std::numeric_limits<double>::infinity();
    Vec3d best{};
    const Node& root = nodes_[0];
    for (uint32_t i = root.first; i < root.first + root.count; ++i) {
        const Face& t = mesh_.faces()[prims_[i]];
        Vec3d q = closest_point_triangle(p, V[t[0]], V[t[1]], V[t[2]]);
        double d2 = dot(q - p, q - p);
        if (d2 < best_d2) {
            best_d2 = d2;
            best = q;
            if (face) *face = prims_[i];
        }
    }
    return best;
}

} // namespace v1
} // namespace meshkit
