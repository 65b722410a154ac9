#pragma once
#include <cstdint>
#include <vector>
#include "meshkit/mesh.hpp"

namespace meshkit {
inline namespace v1 {

struct HalfEdgeHandle {
    uint32_t idx = UINT32_MAX;
    HalfEdgeHandle() = default;
    explicit HalfEdgeHandle(uint32_t i) : idx(i) {}
    bool is_valid() const { return idx != UINT32_MAX; }
};

struct HalfEdge {
    uint32_t vertex = UINT32_MAX;  // vertex the half-edge points to
    uint32_t face = UINT32_MAX;    // UINT32_MAX on the boundary
    HalfEdgeHandle next, opposite;
};

class HalfEdgeMesh {
public:
    /// Throws std::runtime_error("halfedge: non-manifold edge ...") for non-manifold input.
    explicit HalfEdgeMesh(const Mesh& mesh);

    HalfEdgeHandle next(HalfEdgeHandle h) const { return halfedges_[h.idx].next; }
    HalfEdgeHandle opposite(HalfEdgeHandle h) const { return halfedges_[h.idx].opposite; }
    uint32_t to_vertex(HalfEdgeHandle h) const { return halfedges_[h.idx].vertex; }
    uint32_t from_vertex(HalfEdgeHandle h) const { return to_vertex(opposite(h)); }
    bool is_boundary(HalfEdgeHandle h) const { return halfedges_[h.idx].face == UINT32_MAX; }
    bool is_boundary_vertex(uint32_t v) const;
    size_t num_halfedges() const { return halfedges_.size(); }

    /// Link condition + boundary checks (added for decimation, also used by remeshing).
    bool can_collapse(HalfEdgeHandle h) const;
    /// Collapses h, moving from_vertex(h) onto to_vertex(h).
    void collapse_edge(HalfEdgeHandle h);
    void flip_edge(HalfEdgeHandle h);
    void split_edge(HalfEdgeHandle h, const Vec3d& p);

    std::vector<Vec3d>& positions() { return positions_; }
    Mesh to_mesh() const;

private:
    std::vector<HalfEdge> halfedges_;
    std::vector<Vec3d> positions_;
    std::vector<HalfEdgeHandle> vertex_halfedge_;
};

} // namespace v1
} // namespace meshkit
