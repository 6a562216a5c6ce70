/** Prints a service JWT signed with test-support's test key (the bench services verify against test-jwks.json). */
public class ServiceToken {
    public static void main(String[] a) {
        System.out.println(ai.wevion.testing.TestJwts.service(a.length > 0 ? a[0] : "rules-engine"));
    }
}
