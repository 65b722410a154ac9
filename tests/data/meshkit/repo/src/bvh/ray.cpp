#include "meshkit/bvh.hpp"

#include <cmath>

namespace meshkit {
inline namespace v1 {

// Moller-Trumbore ray/triangle test (double precision).
bool intersect_ray_triangle(const Ray& ray, const Vec3d& a, const Vec3d& b, const Vec3d& c,
                            double& t, double& u, double& v) {
    constexpr double eps = 1e-12;
    const Vec3d e1 = b - a, e2 = c - a;
    const Vec3d p = cross(ray.direction, e2);
    const double det = dot(e1, p);
    if (std::fabs(det) < eps) return false;  // parallel to the triangle plane
    const double inv = 1.0 / det;
    const Vec3d s = ray.origin - a;
    u = dot(s, p) * inv;
    if (u <= 0.0 || u >= 1.0) return false;
    const Vec3d q = cross(s, e1);
    v = dot(ray.direction, q) * inv;
    if (v <= 0.0 || u + v >= 1.0) return false;
    t = dot(e2, q) * inv;
    return t > ray.tmin && t < ray.tmax;
}

} // namespace v1
} // namespace meshkit
