# Helpers shared by the Azure (azurerm) rules.
package converge.lib.azure

import rego.v1

# The lowest azurerm major version the module allows; undefined when unknown.
azurerm_major := m if {
	m := input.__converge.providers.azurerm.major
	is_number(m)
}

# True when the azurerm major version is known.
major_known if azurerm_major

# True when the module is known to run with an azurerm major version below `major`.
below(major) if azurerm_major < major

# A value written as an expression (`var.x`, `local.y`, a template): its value is unknown.
is_expr(v) if {
	is_string(v)
	contains(v, "${")
}

# A value that is literally false (bools, and "false" strings Terraform converts).
is_false(v) if v == false

is_false(v) if v == "false"

# True when a `dynamic "<name>"` block generates the nested block `name` (projected as
# `dynamic.<name>`).
has_dynamic(body, name) if body.dynamic[name]
