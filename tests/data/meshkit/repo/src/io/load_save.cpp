#include "meshkit/io.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

namespace meshkit {
inline namespace v1 {
namespace io {
namespace {

std::string lower_ext(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

} // namespace

Mesh load(const std::filesystem::path& path, const LoadOptions& opts) {
    const std::string ext = lower_ext(path);
    if (ext == ".ply") return read_ply(path, opts);
    if (ext == ".stl") return read_stl(path, opts);
    if (ext == ".obj") return read_obj(path, opts);
    throw std::runtime_error("load: unsupported file extension '" + ext + "'");
}

void save(const std::filesystem::path& path, const Mesh& mesh) {
    const std::string ext = lower_ext(path);
    if (ext == ".obj") return write_obj(path, mesh);
    if (ext == ".gltf") return write_gltf(path, mesh, GltfOptions{});
    if (ext == ".glb") return write_gltf(path, mesh, GltfOptions{true, true});
    throw std::runtime_error("save: unsupported file extension '" + ext + "'");
}

} // namespace io
} // namespace v1
} // namespace meshkit
