#include "meshkit/halfedge.hpp"

#include <cassert>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace meshkit {
inline namespace v1 {

HalfEdgeMesh::HalfEdgeMesh(const Mesh& mesh) : positions_(mesh.vertices()) {
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> edge_map;
    vertex_halfedge_.assign(positions_.size(), HalfEdgeHandle{});
    for (uint32_t f = 0; f < mesh.num_faces(); ++f) {
        const Face& tri = mesh.faces()[f];
        uint32_t base = uint32_t(halfedges_.size());
        for (int i = 0; i < 3; ++i) {
            uint32_t from = tri[i], to = tri[(i + 1) % 3];
            if (edge_map.count({from, to}))
                throw std::runtime_error("halfedge: non-manifold edge " + std::to_string(from) + "-" +
                                         std::to_string(to));
            HalfEdge he;
            he.vertex = to;
            he.face = f;
            he.next = HalfEdgeHandle(base + (i + 1) % 3);
            halfedges_.push_back(he);
            edge_map[{from, to}] = base + i;
            vertex_halfedge_[from] = HalfEdgeHandle(base + i);
        }
    }
    // pair up opposites, create boundary half-edges (omitted: boundary loop linking)
    for (const auto& [e, h] : edge_map) {
        auto it = edge_map.find({e.second, e.first});
        if (it != edge_map.end()) halfedges_[h].opposite = HalfEdgeHandle(it->second);
    }
}

bool HalfEdgeMesh::is_boundary_vertex(uint32_t v) const {
    HalfEdgeHandle h = vertex_halfedge_[v];
    return !h.is_valid() || !opposite(h).is_valid() || is_boundary(opposite(h));
}

bool HalfEdgeMesh::can_collapse(HalfEdgeHandle h) const {
    uint32_t v0 = from_vertex(h), v1 = to_vertex(h);
    if (!is_boundary(h) && !is_boundary(opposite(h)) && is_boundary_vertex(v0) && is_boundary_vertex(v1))
        return false;
    // link condition: one-rings of v0 and v1 share exactly the two opposite vertices
    std::set<uint32_t> ring0, ring1;
    for (size_t i = 0; i < halfedges_.size(); ++i) {
        HalfEdgeHandle hi{uint32_t(i)};
        if (!opposite(hi).is_valid()) continue;
        if (from_vertex(hi) == v0) ring0.insert(to_vertex(hi));
        if (from_vertex(hi) == v1) ring1.insert(to_vertex(hi));
    }
    size_t shared = 0;
    for (uint32_t v : ring0) shared += ring1.count(v);
    return shared <= 2;
}

void HalfEdgeMesh::collapse_edge(HalfEdgeHandle h) {
    HalfEdgeHandle he = opposite(h);
    assert(he.is_valid());
    uint32_t removed = from_vertex(h), kept = to_vertex(h);
    for (HalfEdge& e : halfedges_)
        if (e.vertex == removed) e.vertex = kept;
    halfedges_[h.idx].face = UINT32_MAX;
    halfedges_[he.idx].face = UINT32_MAX;
    vertex_halfedge_[removed] = HalfEdgeHandle{};
}

void HalfEdgeMesh::flip_edge(HalfEdgeHandle) { /* see remesh/isotropic.cpp for the callers */ }
void HalfEdgeMesh::split_edge(HalfEdgeHandle, const Vec3d&) {}

Mesh HalfEdgeMesh::to_mesh() const {
    std::map<uint32_t, Face> faces;
    std::map<uint32_t, int> fill;
    for (size_t i = 0; i < halfedges_.size(); ++i) {
        const HalfEdge& e = halfedges_[i];
        if (e.face == UINT32_MAX) continue;
        faces[e.face][fill[e.face]++ % 3] = e.vertex;
    }
    std::vector<Face> out;
    for (auto& [f, tri] : faces) out.push_back(tri);
    return Mesh(positions_, out);
}

} // namespace v1
} // namespace meshkit
