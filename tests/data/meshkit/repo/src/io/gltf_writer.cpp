// glTF 2.0 writer (.gltf + .bin, or .glb). JSON is written by hand on purpose (no JSON dependency).
#include "meshkit/algorithms.hpp"
#include "meshkit/io.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace meshkit {
inline namespace v1 {
namespace io {
namespace {

constexpr int ARRAY_BUFFER = 34962;
constexpr int ELEMENT_ARRAY_BUFFER = 34963;

struct BufferView {
    size_t offset, length, stride;
    int target;
};

void write_buffer_view(std::ostringstream& json, const BufferView& v) {
    json << "{\"buffer\":0,\"byteOffset\":" << v.offset << ",\"byteLength\":" << v.length
         << ",\"byteStride\":" << v.stride << ",\"target\":" << v.target << "}";
}

template <class T>
size_t append(std::vector<char>& bin, const T* data, size_t count) {
    size_t offset = bin.size();
    const char* p = reinterpret_cast<const char*>(data);
    bin.insert(bin.end(), p, p + sizeof(T) * count);
    while (bin.size() % 4) bin.push_back(0);  // 4-byte alignment (required for .glb chunks)
    return offset;
}

} // namespace

void write_gltf(const std::filesystem::path& path, const Mesh& mesh, const GltfOptions& opts) {
    std::vector<char> bin;
    std::vector<float> pos, nrm;
    BoundingBox box = mesh.bounding_box();
    for (const Vec3d& p : mesh.vertices()) pos.insert(pos.end(), {float(p.x), float(p.y), float(p.z)});
    std::vector<BufferView> views;
    views.push_back({append(bin, pos.data(), pos.size()), pos.size() * 4, 12, ARRAY_BUFFER});

    const bool write_normals = opts.normals;
    if (write_normals) {
        std::vector<Vec3d> vn(mesh.num_vertices());
        const auto& V = mesh.vertices();
        for (const Face& f : mesh.faces()) {
            Vec3d n = face_normal(V[f[0]], V[f[1]], V[f[2]]);
            for (uint32_t v : f) vn[v] = vn[v] + n;
        }
        for (Vec3d& n : vn) {
            double len = norm(n);
            n = len > 0 ? n / len : n;
            nrm.insert(nrm.end(), {float(n.x), float(n.y), float(n.z)});
        }
        views.push_back({append(bin, nrm.data(), nrm.size()), nrm.size() * 4, 12, ARRAY_BUFFER});
    }
    std::vector<uint32_t> idx;
    for (const Face& f : mesh.faces()) idx.insert(idx.end(), f.begin(), f.end());
    views.push_back({append(bin, idx.data(), idx.size()), idx.size() * 4, 4, ELEMENT_ARRAY_BUFFER});

    std::ostringstream json;
    json << "{\"asset\":{\"version\":\"2.0\",\"generator\":\"meshkit\"},\"bufferViews\":[";
    for (size_t i = 0; i < views.size(); ++i) {
        if (i) json << ',';
        write_buffer_view(json, views[i]);
    }
    json << "],\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":" << mesh.num_vertices()
         << ",\"type\":\"VEC3\",\"min\":[" << box.min.x << ',' << box.min.y << ',' << box.min.z << "],\"max\":["
         << box.max.x << ',' << box.max.y << ',' << box.max.z << "]}";
    if (write_normals)
        json << ",{\"bufferView\":1,\"componentType\":5126,\"count\":" << mesh.num_vertices() << ",\"type\":\"VEC3\"}";
    json << ",{\"bufferView\":" << views.size() - 1 << ",\"componentType\":5125,\"count\":" << idx.size()
         << ",\"type\":\"SCALAR\"}]";
    json << ",\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0"
         << (write_normals ? ",\"NORMAL\":1" : "") << "},\"indices\":" << (write_normals ? 2 : 1) << "}]}]"
         << ",\"nodes\":[{\"mesh\":0}],\"scenes\":[{\"nodes\":[0]}],\"scene\":0";

    if (opts.binary) {
        throw std::runtime_error("gltf: .glb container writing lives in glb_container.cpp (not in this snapshot)");
    }
    std::filesystem::path bin_path = path;
    bin_path.replace_extension(".bin");
    json << ",\"buffers\":[{\"uri\":\"" << bin_path.filename().string() << "\",\"byteLength\":" << bin.size() << "}]}";
    std::ofstream(path) << json.str();
    std::ofstream(bin_path, std::ios::binary).write(bin.data(), std::streamsize(bin.size()));
}

} // namespace io
} // namespace v1
} // namespace meshkit
