# Helpers shared by the Terraform rules.
package converge.lib.terraform

import rego.v1

# Every resource of a type in this file, with its route.
resources(kind) := {{"name": name, "route": ["resource", kind, name], "body": body} |
	some name, body in input.resource[kind]
}

# True when a resource of type `kind` anywhere in the module refers to `target` (e.g.
# "aws_s3_bucket.logs") through `attribute`.
referenced_by(kind, attribute, target) if {
	some body in input.__converge.module.resource[kind]
	ref := body[attribute]
	is_string(ref)
	refers_to(ref, target)
}

refers_to(ref, target) if contains(ref, concat("", [target, "."]))

refers_to(ref, target) if contains(ref, concat("", [target, "["]))

# The lowest major version of a provider the module allows; 1000 when unknown (newest).
provider_major(name) := m if {
	m := input.__converge.providers[name].major
	is_number(m)
} else := 1000

# A value is literally true (bools, and "true" strings Terraform converts).
is_true(v) if v == true

is_true(v) if v == "true"

# A companion created with `for_each = <target>` refers to each instance through `each.value`.
referenced_by(kind, attribute, target) if {
	some body in input.__converge.module.resource[kind]
	body.for_each == concat("", ["${", target, "}"])
	startswith(body[attribute], "${each.value")
}
