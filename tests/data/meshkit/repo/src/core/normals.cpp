#include "meshkit/algorithms.hpp"

namespace meshkit {
inline namespace v1 {

Vec3d face_normal(const Vec3d& a, const Vec3d& b, const Vec3d& c) {
    Vec3d n = cross(b - a, c - a);
    return n / norm(n);
}

void compute_vertex_normals(Mesh& mesh) {
    auto& normals = mesh.vertex_normals();
    normals.assign(mesh.num_vertices(), Vec3d{});
    const auto& V = mesh.vertices();
    for (const Face& f : mesh.faces()) {
        // area weighting: |cross| is twice the area
        Vec3d w = cross(V[f[1]] - V[f[0]], V[f[2]] - V[f[0]]);
        for (uint32_t v : f) normals[v] = normals[v] + w;
    }
    for (Vec3d& n : normals) {
        double len = norm(n);
        if (len > 0) n = n / len;
    }
}

} // namespace v1
} // namespace meshkit
