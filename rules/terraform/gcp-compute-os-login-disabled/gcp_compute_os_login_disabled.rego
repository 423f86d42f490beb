# METADATA
# title: Compute instance turns OS Login off in its metadata
# description: |
#   OS Login ties SSH access to IAM identities (with 2-step verification and audit logs) and
#   makes revoking a user's access immediate. An instance whose metadata sets enable-oslogin to
#   false overrides the project setting and falls back to SSH keys kept in metadata.
# related_resources:
#   - https://cloud.google.com/compute/docs/oslogin
# custom:
#   id: gcp-compute-os-login-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_34]
package converge.rules.terraform.gcp_compute_os_login_disabled

import rego.v1

import data.converge.lib.terraform as tf

kinds := ["google_compute_instance", "google_compute_instance_template", "google_compute_instance_from_template"]

findings contains f if {
	some kind in kinds
	some vm in tf.resources(kind)
	value := vm.body.metadata["enable-oslogin"]
	bad(value)
	f := {
		"msg": sprintf("%s.%s sets metadata enable-oslogin = %v", [kind, vm.name, value]),
		"route": array.concat(vm.route, ["metadata", "enable-oslogin"]),
	}
}

# Metadata values are strings; GCE reads FALSE, false (and a boolean written in HCL) as off.
bad(v) if v == false

bad(v) if {
	is_string(v)
	lower(v) == "false"
}
