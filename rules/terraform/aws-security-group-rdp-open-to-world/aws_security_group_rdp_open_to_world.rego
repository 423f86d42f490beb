# METADATA
# title: Security group allows RDP (port 3389) from the whole internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 on port 3389 exposes RDP to every scanner and
#   brute-force bot on the internet, and to any unpatched vulnerability of the service. Reach
#   instances through AWS Systems Manager Session Manager, a VPN or a bastion restricted to
#   known addresses instead.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: aws-security-group-rdp-open-to-world
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_25]
package converge.rules.terraform.aws_security_group_rdp_open_to_world

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some open in tf.world_open_ingress(3389)
	f := {
		"msg": sprintf("%s.%s allows RDP (port 3389) from the whole internet", [open.kind, open.name]),
		"route": open.route,
	}
}
