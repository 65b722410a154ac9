module ParserSpec (spec) where

import Data.Either (isRight)
import Test.Hspec
import Lensql.Syntax
import qualified Lensql.Parser.Postgres as Pg
import qualified Lensql.Parser.Sqlite as Lite

spec :: Spec
spec = do
  describe "PostgreSQL" $ do
    it "parses LIKE with ESCAPE" $
      Pg.parseStatement "t" "select id from users where name like 'a%' escape '!'"
        `shouldSatisfy` isRight
    it "parses INSERT ... RETURNING" $
      Pg.parseStatement "t" "insert into notes (body) values (?) returning id"
        `shouldSatisfy` isRight
    it "parses upserts" $
      Pg.parseStatement "t" "insert into u (email) values (?) on conflict (email) do nothing"
        `shouldSatisfy` isRight
    it "parses NATURAL JOIN" $
      fmap isSelect (Pg.parseStatement "t" "select id from orders natural join customers")
        `shouldBe` Right True

  describe "SQLite" $ do
    it "parses INSERT OR REPLACE" $
      Lite.parseStatement "t" "insert or replace into kv (k, v) values (?, ?)"
        `shouldSatisfy` isRight
  where
    isSelect (Select {}) = True
    isSelect _ = False
