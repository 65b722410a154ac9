// Isotropic remeshing (Botsch & Kobbelt 2004): split / collapse / flip / tangential relaxation.
#include "meshkit/algorithms.hpp"
#include "meshkit/halfedge.hpp"

#include <algorithm>
#include <cmath>

namespace meshkit {
inline namespace v1 {
namespace remesh {
namespace detail {

struct EdgeLengthBounds {
    double low, high;
};

EdgeLengthBounds edge_length_bounds(double target) { return {4.0 / 5.0 * target, 4.0 / 3.0 * target}; }

double edge_length(HalfEdgeMesh& hm, HalfEdgeHandle h) {
    return norm(hm.positions()[hm.to_vertex(h)] - hm.positions()[hm.from_vertex(h)]);
}

bool split_long_edges(HalfEdgeMesh& hm, double high) {
    bool changed = false;
    for (uint32_t i = 0; i < hm.num_halfedges(); ++i) {
        HalfEdgeHandle h(i);
        if (edge_length(hm, h) > high) {
            Vec3d mid = (hm.positions()[hm.to_vertex(h)] + hm.positions()[hm.from_vertex(h)]) * 0.5;
            hm.split_edge(h, mid);
            changed = true;
        }
    }
    return changed;
}

bool collapse_short_edges(HalfEdgeMesh& hm, double low) {
    bool changed = false;
    for (uint32_t i = 0; i < hm.num_halfedges(); ++i) {
        HalfEdgeHandle h(i);
        if (edge_length(hm, h) < low && hm.can_collapse(h)) {
            hm.collapse_edge(h);
            changed = true;
        }
    }
    return changed;
}

void tangential_relax(HalfEdgeMesh& hm, double lambda);

} // namespace detail

Mesh isotropic(const Mesh& mesh, double target_edge_length, const RemeshOptions& opts) {
    HalfEdgeMesh hm(mesh);
    const auto bounds = detail::edge_length_bounds(target_edge_length);
    for (int it = 0; it < opts.iterations; ++it) {
        // each phase runs until nothing changes
        while (detail::split_long_edges(hm, bounds.high)) {
        }
        while (detail::collapse_short_edges(hm, bounds.low)) {
        }
        detail::tangential_relax(hm, 0.5);
    }
    return hm.to_mesh();
}

namespace detail {
void tangential_relax(HalfEdgeMesh& hm, double lambda) {
    (void)hm;
    (void)lambda;  // body omitted in this snapshot
}
} // namespace detail

} // namespace remesh
} // namespace v1
} // namespace meshkit
