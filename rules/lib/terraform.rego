# Helpers shared by the Terraform rules.
package converge.lib.terraform

import rego.v1

# Every resource of a type in this file, with its route.
resources(kind) := {{"name": name, "route": ["resource", kind, name], "body": body} |
	some name, body in input.resource[kind]
	is_object(body)
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

# A value converge cannot evaluate: an expression or a template ("${var.x}", "logs-${var.env}").
# checkov reports such values as unknown, so rules do not report them as wrong.
is_expression(v) if {
	is_string(v)
	contains(v, "${")
}

# A value that is literally false (bools, and "false" strings Terraform converts).
is_false(v) if v == false

is_false(v) if v == "false"

# The resources of a type in this file that exist: `count = 0` disables a resource, and checkov
# does not report it either.
live_resources(kind) := {r |
	some r in resources(kind)
	not r.body.count == 0
}

# True when a boolean attribute is not literally true: missing, null, false, or any other
# literal. Expressions are not reported.
bool_not_true(body, attribute) if {
	v := object.get(body, attribute, null)
	not is_true(v)
	not is_expression(v)
}

# The first nested block `name` of a body (nested blocks are arrays), or {} when there is none.
first_block(body, name) := body[name][0] if {
	is_array(body[name])
	is_object(body[name][0])
} else := {}

# Ingress rules that let the whole internet reach `port`, as checkov's
# AbsSecurityGroupUnrestrictedIngress sees them: `ingress` blocks of aws_security_group (up to
# the first one with `self = true`, which makes checkov pass the group), aws_security_group_rule
# of type "ingress", and aws_vpc_security_group_ingress_rule. Each is
# {"kind", "name", "route"}, the route naming the open CIDR attribute.
world_open_ingress(port) := {x |
	some sg in live_resources("aws_security_group")
	is_array(sg.body.ingress)
	some i, rule in sg.body.ingress
	is_object(rule)
	not _self_before(sg.body.ingress, i)
	some attribute in _world_cidr_attributes(rule)
	_covers(rule, port)
	x := {"kind": "aws_security_group", "name": sg.name, "route": array.concat(sg.route, ["ingress", i, attribute])}
} | {x |
	some rule in live_resources("aws_security_group_rule")
	rule.body.type == "ingress"
	not is_true(object.get(rule.body, "self", false))
	some attribute in _world_cidr_attributes(rule.body)
	_covers(rule.body, port)
	x := {"kind": "aws_security_group_rule", "name": rule.name, "route": array.concat(rule.route, [attribute])}
} | {x |
	some rule in live_resources("aws_vpc_security_group_ingress_rule")
	some attribute in _world_cidr_attributes(rule.body)
	_covers_vpc_rule(rule.body, port)
	x := {"kind": "aws_vpc_security_group_ingress_rule", "name": rule.name, "route": array.concat(rule.route, [attribute])}
}

_self_before(ingress, i) if {
	some j, rule in ingress
	j <= i
	is_true(object.get(rule, "self", false))
}

_world_cidrs := {"0.0.0.0/0", "::/0", "0000:0000:0000:0000:0000:0000:0000:0000/0"}

_world_cidr_attributes(rule) := {a |
	some a in ["cidr_blocks", "ipv6_cidr_blocks"]
	is_array(rule[a])
	some cidr in rule[a]
	cidr in _world_cidrs
} | {a |
	some a in ["cidr_ipv4", "cidr_ipv6"]
	rule[a] in _world_cidrs
}

_port(v) := v if is_number(v)

_port(v) := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
}

# The port range, with checkov's reading of 0-0 as every port; a prefix list makes the rule
# not open to the world.
_covers(rule, port) if {
	count(object.get(rule, "prefix_list_ids", [])) == 0
	from := _port(rule.from_port)
	to := _upper(from, _port(rule.to_port))
	from <= port
	port <= to
}

_upper(0, 0) := 65535

_upper(from, to) := to if not [from, to] == [0, 0]

# aws_vpc_security_group_ingress_rule has no ports with ip_protocol "-1" (all traffic).
_covers_vpc_rule(rule, port) if _covers(rule, port)

_covers_vpc_rule(rule, _) if rule.ip_protocol in {"-1", -1, "all"}

# The text of a heredoc (`<<EOT … EOT` or `<<-EOT … EOT`), which the projection keeps as its
# source, "${<<EOT\n…\nEOT}"; undefined for any other value. Interpolations are left as written
# and indentation is not stripped.
heredoc_text(v) := m[2] if {
	is_string(v)
	startswith(v, "${<<")
	some m in regex.find_all_string_submatch_n(`(?s)^\$\{<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n(.*?)\r?\n[ \t]*([A-Za-z_][A-Za-z0-9_-]*)\}$`, v, 1)
	m[1] == m[3]
}
