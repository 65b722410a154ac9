// PLY reader: ascii, binary_little_endian, binary_big_endian.
#include "meshkit/io.hpp"

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace meshkit {
inline namespace v1 {
namespace io {
namespace {

enum class Format { Ascii, BinaryLE, BinaryBE };
enum class Type { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64 };

struct Property {
    std::string name;
    Type type = Type::Float32;
    bool is_list = false;
    Type count_type = Type::UInt8;
};

struct Element {
    std::string name;
    long long count = 0;
    std::vector<Property> properties;
};

Type parse_type(const std::string& s, size_t line_no) {
    // old names and the sized aliases (int8, uint8, ... added for Open3D files)
    if (s == "char" || s == "int8") return Type::Int8;
    if (s == "uchar" || s == "uint8") return Type::UInt8;
    if (s == "short" || s == "int16") return Type::Int16;
    if (s == "ushort" || s == "uint16") return Type::UInt16;
    if (s == "int" || s == "int32") return Type::Int32;
    if (s == "uint" || s == "uint32") return Type::UInt32;
    if (s == "float" || s == "float32") return Type::Float32;
    if (s == "double" || s == "float64") return Type::Float64;
    throw std::runtime_error("ply: unknown property type '" + s + "' in header line " + std::to_string(line_no));
}

class PlyReader {
public:
    explicit PlyReader(std::istream& in) : in_(in) {}

    void parse_header() {
        std::string line;
        size_t line_no = 0;
        if (!std::getline(in_, line) || line.rfind("ply", 0) != 0)
            throw std::runtime_error("ply: missing magic number");
        while (true) {
            if (!std::getline(in_, line))
                throw std::runtime_error("ply: unexpected end of file while reading header");
            ++line_no;
            if (line == "end_header") break;
            std::istringstream ss(line);
            std::string kw;
            ss >> kw;
            if (kw == "format") {
                std::string fmt;
                ss >> fmt;
                if (fmt == "ascii") format_ = Format::Ascii;
                else if (fmt == "binary_little_endian") format_ = Format::BinaryLE;
                else if (fmt == "binary_big_endian") format_ = Format::BinaryBE;
                else throw std::runtime_error("ply: unknown format '" + fmt + "'");
            } else if (kw == "element") {
                Element e;
                ss >> e.name >> e.count;
                if (e.count < 0)
                    throw std::runtime_error("ply: negative count for element '" + e.name + "'");
                elements_.push_back(e);
            } else if (kw == "property") {
                if (elements_.empty()) throw std::runtime_error("ply: property before element");
                Property p;
                std::string t;
                ss >> t;
                if (t == "list") {
                    std::string ct, it;
                    ss >> ct >> it;
                    p.is_list = true;
                    p.count_type = parse_type(ct, line_no);
                    p.type = parse_type(it, line_no);
                } else {
                    p.type = parse_type(t, line_no);
                }
                ss >> p.name;
                elements_.back().properties.push_back(p);
            }
            // "comment" and "obj_info" lines are ignored
        }
    }

    Mesh read_body() {
        std::vector<Vec3d> V;
        std::vector<Face> F;
        for (const Element& e : elements_) {
            if (format_ == Format::Ascii) read_ascii_element(e, V, F);
            else read_binary_element(e, V, F);
        }
        return Mesh(std::move(V), std::move(F));
    }

private:
    void read_ascii_element(const Element& e, std::vector<Vec3d>& V, std::vector<Face>& F) {
        for (long long i = 0; i < e.count; ++i) {
            std::string line;
            if (!std::getline(in_, line))
                throw std::runtime_error("ply: unexpected end of file while reading element '" + e.name +
                                         "' (read " + std::to_string(i) + " of " + std::to_string(e.count) + ")");
            std::istringstream ss(line);
            if (e.name == "vertex") {
                Vec3d p;
                ss >> p.x >> p.y >> p.z;
                V.push_back(p);
            } else if (e.name == "face") {
                int n;
                Face f;
                ss >> n >> f[0] >> f[1] >> f[2];
                for (uint32_t idx : f)
                    if (idx >= V.size())
                        throw std::runtime_error("ply: face references vertex " + std::to_string(idx) +
                                                 " but element vertex has " + std::to_string(V.size()) + " entries");
                F.push_back(f);
            }
        }
    }

    void read_binary_element(const Element& e, std::vector<Vec3d>& V, std::vector<Face>& F);

    std::istream& in_;
    Format format_ = Format::Ascii;
    std::vector<Element> elements_;
};

void PlyReader::read_binary_element(const Element& e, std::vector<Vec3d>& V, std::vector<Face>& F) {
    // Byte-swapping for big endian and non-float vertex types omitted in this snapshot.
    for (long long i = 0; i < e.count; ++i) {
        if (e.name == "vertex") {
            float xyz[3];
            if (!in_.read(reinterpret_cast<char*>(xyz), sizeof xyz))
                throw std::runtime_error("ply: unexpected end of file while reading element '" + e.name +
                                         "' (read " + std::to_string(i) + " of " + std::to_string(e.count) + ")");
            V.push_back({xyz[0], xyz[1], xyz[2]});
        } else if (e.name == "face") {
            uint8_t n;
            uint32_t idx[3];
            if (!in_.read(reinterpret_cast<char*>(&n), 1) || !in_.read(reinterpret_cast<char*>(idx), sizeof idx))
                throw std::runtime_error("ply: unexpected end of file while reading element '" + e.name +
                                         "' (read " + std::to_string(i) + " of " + std::to_string(e.count) + ")");
            for (uint32_t k : idx)
                if (k >= V.size())
                    throw std::runtime_error("ply: face references vertex " + std::to_string(k) +
                                             " but element vertex has " + std::to_string(V.size()) + " entries");
            F.push_back({idx[0], idx[1], idx[2]});
        }
    }
}

} // namespace

Mesh read_ply(const std::filesystem::path& path, const LoadOptions&) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("ply: cannot open '" + path.string() + "'");
    PlyReader reader(in);
    reader.parse_header();
    return reader.read_body();
}

} // namespace io
} // namespace v1
} // namespace meshkit
