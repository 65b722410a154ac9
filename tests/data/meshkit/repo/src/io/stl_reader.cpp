#include "meshkit/io.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>

namespace meshkit {
inline namespace v1 {
namespace io {
namespace detail {

bool is_ascii_stl(const char* data, size_t size) {
    if (size < 5 || std::memcmp(data, "solid", 5) != 0) return false;
    // Binary files may start with "solid" too: if the size matches the binary layout, it is binary.
    if (size >= 84) {
        uint32_t n;
        std::memcpy(&n, data + 80, 4);
        if (84 + 50ull * n == size) return false;
    }
    return true;
}

} // namespace detail

namespace {

Mesh read_stl_binary(const std::string& buf) {
    uint32_t n;
    std::memcpy(&n, buf.data() + 80, 4);
    if (84 + 50ull * n != buf.size())
        throw std::runtime_error("stl: file size " + std::to_string(buf.size()) + " does not match triangle count " +
                                 std::to_string(n) + " (expected 84 + 50*n bytes)");
    std::vector<Vec3d> V;
    std::vector<Face> F;
    V.reserve(3ull * n);
    for (uint32_t i = 0; i < n; ++i) {
        const char* rec = buf.data() + 84 + 50ull * i + 12;  // skip the facet normal
        for (int k = 0; k < 3; ++k) {
            float p[3];
            std::memcpy(p, rec + 12 * k, 12);
            V.push_back({p[0], p[1], p[2]});
        }
        F.push_back({3 * i, 3 * i + 1, 3 * i + 2});
    }
    return Mesh(std::move(V), std::move(F));
}

Mesh read_stl_ascii(const std::string& buf) {
    std::istringstream in(buf);
    std::string tok;
    std::vector<Vec3d> V;
    std::vector<Face> F;
    while (in >> tok) {
        if (tok == "vertex") {
            Vec3d p;
            in >> p.x >> p.y >> p.z;
            V.push_back(p);
            if (V.size() % 3 == 0) {
                uint32_t b = uint32_t(V.size() - 3);
                F.push_back({b, b + 1, b + 2});
            }
        }
    }
    return Mesh(std::move(V), std::move(F));
}

} // namespace

Mesh read_stl(const std::filesystem::path& path, const LoadOptions&) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("stl: cannot open '" + path.string() + "'");
    std::string buf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (detail::is_ascii_stl(buf.data(), buf.size())) return read_stl_ascii(buf);
    if (buf.size() < 84) throw std::runtime_error("stl: file too small for a binary STL");
    return read_stl_binary(buf);
}

} // namespace io
} // namespace v1
} // namespace meshkit
