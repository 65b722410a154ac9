#pragma once
#include <limits>
#include <vector>
#include "meshkit/mesh.hpp"

namespace meshkit {
inline namespace v1 {

struct Ray {
    Vec3d origin, direction;
    double tmin = 0.0;
    double tmax = std::numeric_limits<double>::infinity();
};

struct Hit {
    int64_t face = -1;
    double t = std::numeric_limits<double>::infinity();
    double u = 0, v = 0;
};

/// Moller-Trumbore. Returns true and fills t/u/v on a hit.
bool intersect_ray_triangle(const Ray& ray, const Vec3d& a, const Vec3d& b, const Vec3d& c,
                            double& t, double& u, double& v);

enum class Split { SAH, Median };
struct BuildOptions {
    Split split = Split::SAH;
    int leaf_size = 4;
};

/// Holds a reference to the mesh it was built from; the mesh must outlive the BVH.
class BVH {
public:
    explicit BVH(const Mesh& mesh, const BuildOptions& opts = {});
    Hit intersect(const Ray& ray) const;
    Vec3d closest_point(const Vec3d& p, int64_t* face = nullptr) const;
    bool empty() const { return nodes_.empty(); }

private:
    struct Node {                // 32 bytes, flat layout
        float bmin[3], bmax[3];
        uint32_t first;          // leaf: first primitive, inner: right child
        uint32_t count;          // 0 for inner nodes
    };
    const Mesh& mesh_;
    std::vector<Node> nodes_;
    std::vector<uint32_t> prims_;
};

} // namespace v1
} // namespace meshkit
