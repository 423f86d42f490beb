package converge.rules.terraform.gcp_compute_serial_port_enabled_test

import rego.v1

import data.converge.rules.terraform.gcp_compute_serial_port_enabled as rule

test_enabled_serial_port_is_reported if {
	doc := {"resource": {
		"google_compute_instance": {"a": {"metadata": {"serial-port-enable": "TRUE"}}},
		"google_compute_instance_from_template": {"t": {"metadata": {"serial-port-enable": true}}},
	}}
	count(rule.findings) == 2 with input as doc
}

test_disabled_and_unset_are_clean if {
	doc := {"resource": {"google_compute_instance": {
		"a": {"metadata": {"serial-port-enable": "FALSE"}},
		"b": {"metadata": {"enable-oslogin": "TRUE"}},
		"c": {},
	}}}
	count(rule.findings) == 0 with input as doc
}
