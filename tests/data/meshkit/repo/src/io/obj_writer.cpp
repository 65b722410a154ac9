#include "meshkit/io.hpp"

#include <fstream>
#include <stdexcept>

namespace meshkit {
inline namespace v1 {
namespace io {

class ObjWriter {
public:
    explicit ObjWriter(std::ostream& out) : out_(out) {}

    void write(const Mesh& mesh) {
        out_ << "# written by meshkit\n";
        for (const Vec3d& p : mesh.vertices()) out_ << "v " << p.x << ' ' << p.y << ' ' << p.z << '\n';
        const bool normals = mesh.vertex_normals().size() == mesh.num_vertices() && mesh.num_vertices() > 0;
        if (normals)
            for (const Vec3d& n : mesh.vertex_normals()) out_ << "vn " << n.x << ' ' << n.y << ' ' << n.z << '\n';
        for (const Face& f : mesh.faces()) {
            out_ << 'f';
            for (uint32_t v : f) {
                out_ << ' ' << v + 1;
                if (normals) out_ << "//" << v + 1;
            }
            out_ << '\n';
        }
    }

private:
    std::ostream& out_;
};

void write_obj(const std::filesystem::path& path, const Mesh& mesh) {
    std::ofstream out(path);
    if (!out) throw std::runtime_error("obj: cannot write '" + path.string() + "'");
    ObjWriter(out).write(mesh);
}

} // namespace io
} // namespace v1
} // namespace meshkit
