#include "viz/drawn_nodes.hpp"

#include <cstdio>

namespace hubsim::viz {
namespace {

// A JSON string; hub and run names are the user's, so quotes and control characters are escaped.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);  // hundredths of a pixel: more than the rasteriser keeps
  return buf;
}

std::string colour(const Rgba& c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "[%u, %u, %u, %u]", unsigned{c[0]}, unsigned{c[1]}, unsigned{c[2]}, unsigned{c[3]});
  return buf;
}

std::string box(const std::array<double, 4>& b) {
  std::string out = "[";  // appended: GCC 12 warns falsely (-Wrestrict) on "[" + std::string
  for (std::size_t i = 0; i < b.size(); ++i) out += (i ? ", " : "") + number(b[i]);
  return out + "]";
}

}  // namespace

std::string drawn_nodes_json(const std::vector<DrawnNode>& nodes, int width, int height) {
  std::string out = "{\"width\": " + std::to_string(width) + ", \"height\": " + std::to_string(height) +
                    ", \"nodes\": [";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const DrawnNode& n = nodes[i];
    out += i == 0 ? "\n" : ",\n";
    out += "  {\"map\": " + quoted(n.map) + ", \"name\": " + quoted(n.name) + ", \"shape\": " + quoted(n.shape) +
           ", \"x\": " + number(n.x) + ", \"y\": " + number(n.y) + ", \"radius\": " + number(n.radius) +
           ", \"fill\": " + colour(n.fill) + ", \"backdrop\": " + colour(n.backdrop) + ", \"label\": " + box(n.label) +
           ", \"leader\": " + (n.leader ? "true" : "false") + ", \"label_anchor\": [" + number(n.label_anchor[0]) + ", " +
           number(n.label_anchor[1]) + ", " + number(n.label_anchor[2]) + "]" + ", \"panel\": " + box(n.panel) + ", \"legends\": [";
    for (std::size_t k = 0; k < n.legends.size(); ++k) out += (k ? ", " : "") + box(n.legends[k]);
    out += "]}";
  }
  return out + "\n]}\n";
}

}  // namespace hubsim::viz
