#include "meshkit/io.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace meshkit {
inline namespace v1 {
namespace io {
namespace {

void log_warning(const std::string& msg) { std::fprintf(stderr, "[meshkit] [warning] %s\n", msg.c_str()); }

class ObjReader {
public:
    explicit ObjReader(std::filesystem::path path) : path_(std::move(path)) {}

    Mesh read() {
        std::ifstream in(path_);
        if (!in) throw std::runtime_error("obj: cannot open '" + path_.string() + "'");
        std::string line;
        size_t line_no = 0;
        while (std::getline(in, line)) {
            ++line_no;
            std::istringstream ss(line);
            std::string kw;
            ss >> kw;
            if (kw == "v") {
                Vec3d p;
                ss >> p.x >> p.y >> p.z;
                V_.push_back(p);
            } else if (kw == "f") {
                parse_face(ss);
            } else if (kw == "mtllib") {
                parse_mtllib(ss, line_no);
            } else if (kw == "usemtl") {
                ss >> current_material_;
            }
        }
        return Mesh(std::move(V_), std::move(F_));
    }

private:
    // f v, f v/vt, f v//vn, f v/vt/vn; negative indices are relative to the end.
    uint32_t resolve(long idx) const {
        if (idx < 0) return uint32_t(long(V_.size()) + idx);
        return uint32_t(idx - 1);
    }

    void parse_face(std::istringstream& ss) {
        std::vector<uint32_t> poly;
        std::string tok;
        while (ss >> tok) {
            size_t slash = tok.find('/');
            poly.push_back(resolve(std::stol(tok.substr(0, slash))));
        }
        for (size_t i = 1; i + 1 < poly.size(); ++i) F_.push_back({poly[0], poly[i], poly[i + 1]});
    }

    void parse_mtllib(std::istringstream& ss, size_t line_no) {
        std::string name;
        ss >> name;
        std::filesystem::path lib = path_.parent_path() / name;
        std::ifstream mtl(lib);
        if (!mtl) {
            log_warning("obj: cannot open material library '" + lib.string() + "' (line " + std::to_string(line_no) + ")");
            return;
        }
        std::string line;
        while (std::getline(mtl, line)) {
            std::istringstream ls(line);
            std::string kw, mat;
            ls >> kw;
            if (kw == "newmtl" && ls >> mat) materials_.push_back(mat);
        }
    }

    std::filesystem::path path_;
    std::vector<Vec3d> V_;
    std::vector<Face> F_;
    std::vector<std::string> materials_;
    std::string current_material_;
};

} // namespace

Mesh read_obj(const std::filesystem::path& path, const LoadOptions&) { return ObjReader(path).read(); }

} // namespace io
} // namespace v1
} // namespace meshkit
