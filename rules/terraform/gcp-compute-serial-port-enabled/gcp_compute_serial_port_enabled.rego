# METADATA
# title: Compute instance enables interactive serial port access
# description: |
#   The interactive serial console accepts connections from any IP address, outside VPC firewall
#   rules, for anyone holding SSH keys allowed on the instance; it is an access path that
#   network controls do not see. It is enabled by serial-port-enable in the metadata.
# related_resources:
#   - https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console
# custom:
#   id: gcp-compute-serial-port-enabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_35]
package converge.rules.terraform.gcp_compute_serial_port_enabled

import rego.v1

import data.converge.lib.terraform as tf

kinds := ["google_compute_instance", "google_compute_instance_template", "google_compute_instance_from_template"]

findings contains f if {
	some kind in kinds
	some vm in tf.resources(kind)
	value := vm.body.metadata["serial-port-enable"]
	bad(value)
	f := {
		"msg": sprintf("%s.%s sets metadata serial-port-enable = %v", [kind, vm.name, value]),
		"route": array.concat(vm.route, ["metadata", "serial-port-enable"]),
	}
}

# Metadata values are strings; GCE reads TRUE, true and 1 (and a boolean written in HCL) as on.
bad(v) if v == true

bad(v) if {
	is_string(v)
	lower(v) in {"true", "1"}
}
