#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace meshkit {
inline namespace v1 {

struct Vec3d {
    double x = 0, y = 0, z = 0;
    Vec3d operator+(const Vec3d& o) const { return {x + o.x, y + o.y, z + o.z}; }
    Vec3d operator-(const Vec3d& o) const { return {x - o.x, y - o.y, z - o.z}; }
    Vec3d operator*(double s) const { return {x * s, y * s, z * s}; }
    Vec3d operator/(double s) const { return {x / s, y / s, z / s}; }
    double operator[](int i) const { return i == 0 ? x : (i == 1 ? y : z); }
};
inline double dot(const Vec3d& a, const Vec3d& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec3d cross(const Vec3d& a, const Vec3d& b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline double norm(const Vec3d& a) { return std::sqrt(dot(a, a)); }

struct BoundingBox {
    Vec3d min{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
              std::numeric_limits<double>::infinity()};
    Vec3d max{-std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
              -std::numeric_limits<double>::infinity()};
    bool empty() const { return min.x > max.x; }
};

using Face = std::array<uint32_t, 3>;

/// Indexed triangle mesh. Normals are optional (empty when not computed).
class Mesh {
public:
    Mesh() = default;
    Mesh(std::vector<Vec3d> vertices, std::vector<Face> faces);

    std::vector<Vec3d>& vertices() { return vertices_; }
    const std::vector<Vec3d>& vertices() const { return vertices_; }
    std::vector<Face>& faces() { return faces_; }
    const std::vector<Face>& faces() const { return faces_; }
    std::vector<Vec3d>& vertex_normals() { return vertex_normals_; }
    const std::vector<Vec3d>& vertex_normals() const { return vertex_normals_; }

    size_t num_vertices() const { return vertices_.size(); }
    size_t num_faces() const { return faces_.size(); }

    /// Axis-aligned bounds; an empty mesh gives an inverted (empty()) box.
    BoundingBox bounding_box() const;
    /// Edges used by exactly one face.
    std::vector<std::array<uint32_t, 2>> boundary_edges() const;

private:
    std::vector<Vec3d> vertices_;
    std::vector<Face> faces_;
    std::vector<Vec3d> vertex_normals_;
};

} // namespace v1
} // namespace meshkit
