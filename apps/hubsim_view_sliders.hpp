#pragma once
/// The headings hubsim-view's live sliders sit under, for the Lancashire model: by the section of
/// the parameter description a parameter is in (the sliders themselves are generated from the
/// description, viz/live_session.hpp). Used by apps/hubsim_view.cpp and by the viewer's tests.
#include <string>

#include "viz/live_session.hpp"

namespace hubsim::apps {

/// Which heading a parameter's slider sits under; "" leaves it without a slider: anchors other
/// than the NCF (the room steers the strategy's levers, not BAE's hiring), the external metros'
/// rows (their incubation and graduates are not modelled), and firm relocation, which in this
/// model's runs never triggers (no firm is ever short of staff for relocation_patience_months).
inline std::string slider_group(const std::string& key) {
  const std::string section = key.substr(0, key.find('.'));
  if (section == "interventions" && key.size() > 14) {
    switch (key[14]) {  // what each intervention acts on (configs/INTERVENTIONS.md)
      case 'A': return "the NCF";
      case 'B': return "hubs and space";
      case 'F': case 'M': return "investment";
      case 'C': case 'D': case 'E': case 'G': return "business growth";
      default: return "skills and talent";  // H I J K L N: careers, campaigns, bootcamps, CPD, inclusion, marketing
    }
  }
  if (section == "anchors") return key.rfind("anchors.National Cyber Force.", 0) == 0 ? "the NCF" : "";
  if (section == "hubs")
    return key.rfind("hubs.Greater Manchester.", 0) == 0 || key.rfind("hubs.London.", 0) == 0 ? "" : "hubs and space";
  if (key.rfind("firms.relocation_", 0) == 0) return "";
  if (section == "talent" || section == "labour" || section == "skills" || section == "earnings" ||
      section == "migration")
    return "skills and talent";
  if (section == "firms" || section == "knowledge" || section == "economy") return "business growth";
  if (section == "investment") return "investment";
  return "";
}

/// The headings in the order the panel shows them.
inline viz::SliderGroups slider_groups() {
  return {{"skills and talent", "business growth", "investment", "hubs and space", "the NCF"}, slider_group};
}

}  // namespace hubsim::apps
