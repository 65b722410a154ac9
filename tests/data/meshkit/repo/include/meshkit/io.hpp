#pragma once
#include <filesystem>
#include "meshkit/mesh.hpp"

namespace meshkit {
inline namespace v1 {
namespace io {

struct LoadOptions {
    bool triangulate = true;
    bool extra_attributes = false;
};

Mesh read_ply(const std::filesystem::path& path, const LoadOptions& opts = {});
Mesh read_stl(const std::filesystem::path& path, const LoadOptions& opts = {});
Mesh read_obj(const std::filesystem::path& path, const LoadOptions& opts = {});
Mesh load(const std::filesystem::path& path, const LoadOptions& opts = {});

void write_obj(const std::filesystem::path& path, const Mesh& mesh);
struct GltfOptions {
    bool binary = false;  // .glb
    bool normals = true;
};
void write_gltf(const std::filesystem::path& path, const Mesh& mesh, const GltfOptions& opts = {});
void save(const std::filesystem::path& path, const Mesh& mesh);

namespace detail {
/// Exposed for tests.
bool is_ascii_stl(const char* data, size_t size);
}

} // namespace io
} // namespace v1
} // namespace meshkit
