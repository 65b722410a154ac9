#include "meshkit/mesh.hpp"
#include "meshkit/version.hpp"

#include <algorithm>
#include <map>

namespace meshkit {
inline namespace v1 {

const char* version() noexcept { return "1.3.1"; }

Mesh::Mesh(std::vector<Vec3d> vertices, std::vector<Face> faces)
    : vertices_(std::move(vertices)), faces_(std::move(faces)) {}

BoundingBox Mesh::bounding_box() const {
    BoundingBox box;
    for (const Vec3d& p : vertices_) {
        box.min = {std::min(box.min.x, p.x), std::min(box.min.y, p.y), std::min(box.min.z, p.z)};
        box.max = {std::max(box.max.x, p.x), std::max(box.max.y, p.y), std::max(box.max.z, p.z)};
    }
    return box;
}

std::vector<std::array<uint32_t, 2>> Mesh::boundary_edges() const {
    std::map<std::pair<uint32_t, uint32_t>, int> count;
    for (const Face& f : faces_)
        for (int i = 0; i < 3; ++i) {
            uint32_t a = f[i], b = f[(i + 1) % 3];
            count[{std::min(a, b), std::max(a, b)}]++;
        }
    std::vector<std::array<uint32_t, 2>> out;
    for (const auto& [e, n] : count)
        if (n == 1) out.push_back({e.first, e.second});
    return out;
}

} // namespace v1
} // namespace meshkit
