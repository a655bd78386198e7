#pragma once
// The hand-built world the model's mechanism tests share.
#include "models/lancashire/params.hpp"
#include "models/lancashire/model.hpp"
#include "sim/engine/config.hpp"

namespace hubsim::testing {

/// The built-in parameters on four hubs: A and B 20 minutes apart; C 100 minutes from A (beyond
/// a 45-minute commute); M an external metro 50 minutes from A. No anchors, and no monthly
/// entrants (apprentices, bootcamps) unless a test asks for them.
inline model::Params tiny_params() {
  model::Params p = engine::load_config(model::description(), std::nullopt, {}).as<model::Params>();
  p.hubs = {{"A", model::HubKind::spoke, 53.7, -2.7, 0, 10, 0, 0},
            {"B", model::HubKind::spoke, 53.8, -2.6, 0, 10, 0, 0},
            {"C", model::HubKind::spoke, 54.5, -3.0, 0, 10, 0, 0},
            {"M", model::HubKind::external_metro, 53.5, -2.2, 0, 0, 0, 1.0}};
  p.links = {{"A", "B", 20, 1}, {"A", "C", 100, 1}, {"A", "M", 50, 1}};
  p.labour.commute_minutes = 45;
  p.anchors.clear();
  p.talent.apprentices_per_year = p.talent.reskilled_per_year = 0;
  return p;
}

}  // namespace hubsim::testing
