// Garland-Heckbert quadric error decimation on the half-edge mesh.
#include "meshkit/algorithms.hpp"
#include "meshkit/halfedge.hpp"

#include <array>
#include <map>
#include <queue>
#include <stdexcept>
#include <string>

namespace meshkit {
inline namespace v1 {
namespace {

using Quadric = std::array<double, 10>;  // symmetric 4x4, upper triangle

Quadric plane_quadric(const Vec3d& n, double d) {
    return {n.x * n.x, n.x * n.y, n.x * n.z, n.x * d, n.y * n.y, n.y * n.z, n.y * d, n.z * n.z, n.z * d, d * d};
}
void add(Quadric& a, const Quadric& b, double w = 1.0) {
    for (int i = 0; i < 10; ++i) a[i] += w * b[i];
}
double evaluate(const Quadric& q, const Vec3d& p) {
    return q[0] * p.x * p.x + 2 * q[1] * p.x * p.y + 2 * q[2] * p.x * p.z + 2 * q[3] * p.x + q[4] * p.y * p.y +
           2 * q[5] * p.y * p.z + 2 * q[6] * p.y + q[7] * p.z * p.z + 2 * q[8] * p.z + q[9];
}

void check_manifold(const Mesh& mesh) {
    std::map<std::pair<uint32_t, uint32_t>, int> count;
    for (const Face& f : mesh.faces())
        for (int i = 0; i < 3; ++i) {
            uint32_t a = f[i], b = f[(i + 1) % 3];
            int n = ++count[{std::min(a, b), std::max(a, b)}];
            if (n > 2)
                throw std::runtime_error("decimate: input has non-manifold edges (" + std::to_string(n) +
                                         " faces on edge " + std::to_string(std::min(a, b)) + "-" +
                                         std::to_string(std::max(a, b)) + ")");
        }
}

} // namespace

class QuadricDecimator {
public:
    QuadricDecimator(const Mesh& mesh, const DecimateOptions& opts) : hm_(mesh), opts_(opts), faces_(mesh.num_faces()) {
        quadrics_.assign(mesh.num_vertices(), Quadric{});
        const auto& V = mesh.vertices();
        for (const Face& f : mesh.faces()) {
            Vec3d n = cross(V[f[1]] - V[f[0]], V[f[2]] - V[f[0]]);
            double len = norm(n);
            if (len == 0) continue;
            n = n / len;
            Quadric q = plane_quadric(n, -dot(n, V[f[0]]));
            for (uint32_t v : f) add(quadrics_[v], q, len * 0.5);
        }
        // preserve_boundary: large-weight constraint quadrics on boundary edges (omitted here)
    }

    double collapse_cost(HalfEdgeHandle h) const {
        uint32_t v0 = hm_.from_vertex(h), v1 = hm_.to_vertex(h);
        Quadric q = quadrics_[v0];
        add(q, quadrics_[v1]);
        return evaluate(q, hm_.positions()[v1]);
    }

    Mesh run(size_t target_faces) {
        using Entry = std::pair<double, uint32_t>;
        std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
        for (uint32_t i = 0; i < hm_.num_halfedges(); ++i) heap.push({collapse_cost(HalfEdgeHandle(i)), i});
        while (faces_ > target_faces && !heap.empty()) {
            HalfEdgeHandle h(heap.top().second);
            heap.pop();
            if (!hm_.can_collapse(h)) continue;
            add(quadrics_[hm_.to_vertex(h)], quadrics_[hm_.from_vertex(h)]);
            hm_.collapse_edge(h);
            faces_ -= 2;
        }
        return hm_.to_mesh();
    }

private:
    mutable HalfEdgeMesh hm_;
    DecimateOptions opts_;
    size_t faces_;
    std::vector<Quadric> quadrics_;
};

Mesh decimate(const Mesh& mesh, const DecimateOptions& opts) {
    if (opts.target_faces >= mesh.num_faces()) return mesh;  // decimation only removes faces
    check_manifold(mesh);
    return QuadricDecimator(mesh, opts).run(opts.target_faces);
}

} // namespace v1
} // namespace meshkit
