#include "meshkit/algorithms.hpp"

#include <cmath>
#include <numeric>
#include <unordered_map>

namespace meshkit {
inline namespace v1 {
namespace {

struct CellKey {
    int64_t x, y, z;
    bool operator==(const CellKey& o) const { return x == o.x && y == o.y && z == o.z; }
};
struct CellHash {
    size_t operator()(const CellKey& k) const {
        return size_t(k.x * 73856093) ^ size_t(k.y * 19349663) ^ size_t(k.z * 83492791);
    }
};

} // namespace

size_t merge_close_vertices(Mesh& mesh, double tol) {
    auto& V = mesh.vertices();
    std::unordered_map<CellKey, std::vector<uint32_t>, CellHash> grid;
    std::vector<uint32_t> remap(V.size());
    std::vector<Vec3d> kept;

    for (uint32_t i = 0; i < V.size(); ++i) {
        const Vec3d& p = V[i];
        CellKey key{int64_t(std::floor(p.x / tol)), int64_t(std::floor(p.y / tol)),
                    int64_t(std::floor(p.z / tol))};
        int64_t found = -1;
        for (int dx = -1; dx <= 1 && found < 0; ++dx)
            for (int dy = -1; dy <= 1 && found < 0; ++dy)
                for (int dz = -1; dz <= 1 && found < 0; ++dz) {
                    auto it = grid.find({key.x + dx, key.y + dy, key.z + dz});
                    if (it == grid.end()) continue;
                    for (uint32_t k : it->second) {
                        Vec3d d = kept[k] - p;
                        double dist2 = dot(d, d);
                        if (dist2 < tol) {
                            found = k;
                            break;
                        }
                    }
                }
        if (found >= 0) {
            remap[i] = uint32_t(found);
        } else {
            remap[i] = uint32_t(kept.size());
            grid[key].push_back(uint32_t(kept.size()));
            kept.push_back(p);
        }
    }
    size_t removed = V.size() - kept.size();
    for (Face& f : mesh.faces())
        for (uint32_t& v : f) v = remap[v];
    V = std::move(kept);
    return removed;
}

} // namespace v1
} // namespace meshkit
