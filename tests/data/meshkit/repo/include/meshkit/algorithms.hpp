#pragma once
#include <limits>
#include "meshkit/mesh.hpp"

namespace meshkit {
inline namespace v1 {

Vec3d face_normal(const Vec3d& a, const Vec3d& b, const Vec3d& c);
void compute_vertex_normals(Mesh& mesh);

/// Welds vertices closer than `tol` (absolute distance). Returns the number of removed vertices.
size_t merge_close_vertices(Mesh& mesh, double tol);

struct DecimateOptions {
    size_t target_faces = 0;
    bool preserve_boundary = false;
};
Mesh decimate(const Mesh& mesh, const DecimateOptions& opts);

namespace remesh {
struct RemeshOptions {
    int iterations = 5;
    bool adaptive = false;
    double feature_angle = 45.0;  // degrees
};
Mesh isotropic(const Mesh& mesh, double target_edge_length, const RemeshOptions& opts = {});
} // namespace remesh

enum class BooleanOp { Union, Difference, Intersection };
Mesh boolean(const Mesh& a, const Mesh& b, BooleanOp op);

} // namespace v1
} // namespace meshkit
