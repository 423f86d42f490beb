# METADATA
# title: Security group allows SSH (port 22) from the whole internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 on port 22 exposes SSH to every scanner and
#   brute-force bot on the internet, and to any unpatched vulnerability of the service. Reach
#   instances through AWS Systems Manager Session Manager, a VPN or a bastion restricted to
#   known addresses instead.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: aws-security-group-ssh-open-to-world
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_24]
package converge.rules.terraform.aws_security_group_ssh_open_to_world

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some open in tf.world_open_ingress(22)
	f := {
		"msg": sprintf("%s.%s allows SSH (port 22) from the whole internet", [open.kind, open.name]),
		"route": open.route,
	}
}
