// libyaml's event API (Debian libyaml-dev). Northstar builds its own located values from the
// events; see Sources/NorthstarCore/YAML/YAMLEventReader.swift.
#ifndef NORTHSTAR_CYAML_SHIM_H
#define NORTHSTAR_CYAML_SHIM_H
#include <yaml.h>
#endif
